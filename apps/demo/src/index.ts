export type { DemoOptions } from './demo-options.js';
export { demoUsage, parseDemoOptions } from './demo-options.js';
export type { DemoProvider } from './demo-providers.js';
export { demoProviders, demoTenants } from './demo-providers.js';
export { demoStatsKeys, formatDemoSummary } from './format-demo-summary.js';
export type { DemoRunSummary, RunningDemo } from './run-demo.js';
export { runDemo } from './run-demo.js';
