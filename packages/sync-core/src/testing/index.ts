export type { RosterStoreContractOptions } from './roster-store-contract.js';
export { describeRosterStoreContract } from './roster-store-contract.js';
