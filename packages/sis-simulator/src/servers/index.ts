export type {
  DelayFault,
  DisconnectMidFileFault,
  DropConnectionMidBodyFault,
  EmptyPageFault,
  ExpireTokenFault,
  Fault,
  FaultKind,
  FaultRequest,
  FaultTrigger,
  HtmlErrorPageFault,
  RateLimitBurstFault,
  RequestLogEntry,
  StatusFault,
} from '../faults/index.js';
export type { CleverDataset } from './clever/clever-dataset.js';
export type { CleverEvent } from './clever/clever-event-feed.js';
export type { CleverServer, CleverServerOptions } from './clever/clever-server.js';
export { startCleverServer } from './clever/clever-server.js';
export type { CleverCollection, CleverRecord, CleverUserRole } from './clever/map-clever-records.js';
export { cleverCollections, cleverUserRoles } from './clever/map-clever-records.js';
export type { OneRosterFlavour } from './oneroster/map-oneroster-records.js';
export type { OneRosterAuthMode } from './oneroster/oneroster-auth.js';
export type { OneRosterServer, OneRosterServerOptions } from './oneroster/oneroster-server.js';
export { oneRosterBasePath, startOneRosterServer } from './oneroster/oneroster-server.js';
export type { ServableDistrict } from './servable-district.js';
export type { SftpServer, SftpServerOptions } from './sftp/sftp-server.js';
export { startSftpServer } from './sftp/sftp-server.js';
export type { SshKeyPair } from './sftp/ssh-keys.js';
export { generateSshKeyPair, loadOrCreateHostKey, sshFingerprint } from './sftp/ssh-keys.js';
