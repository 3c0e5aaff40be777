export type { ClassLinkConfig, ResolvedClassLinkConfig } from './classlink-config.js';
export { classLinkConfigSchema, rosterServerNamePattern, rosterServerUrl } from './classlink-config.js';
export type { ClassLinkConnectorSettings } from './classlink-connector.js';
export { createClassLinkConnector } from './classlink-connector.js';
export { classLinkQuirks } from './classlink-quirks.js';
export type { ClassLinkServer, DiscoverClassLinkServerOptions } from './discover-classlink-server.js';
export { discoverClassLinkServer } from './discover-classlink-server.js';
