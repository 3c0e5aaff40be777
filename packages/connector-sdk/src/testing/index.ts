export type { StaticConnectorFailure, StaticConnectorSettings } from './static-connector.js';
export { createStaticConnector } from './static-connector.js';
