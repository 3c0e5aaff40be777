import { createMemoryRosterStore } from './memory-roster-store.js';
import { describeRosterStoreContract } from './testing/roster-store-contract.js';

describeRosterStoreContract('memory store', () => createMemoryRosterStore());
