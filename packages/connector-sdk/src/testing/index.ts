export { collect } from './collect.js';
export type { ConnectorContractExpectations, ConnectorContractSettings } from './connector-contract.js';
export { describeConnectorContract } from './connector-contract.js';
export type { FakeClock } from './fake-clock.js';
export { createFakeClock } from './fake-clock.js';
export type { LoopbackHandler, LoopbackServer } from './loopback-server.js';
export { startLoopbackServer } from './loopback-server.js';
export type { StaticConnectorFailure, StaticConnectorSettings } from './static-connector.js';
export { createStaticConnector } from './static-connector.js';
