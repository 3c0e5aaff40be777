export { hostKeySha256Fingerprint, normalizeHostKeySha256 } from './csv/host-key-fingerprint.js';
export type {
  OneRosterCsvConfig,
  OneRosterCsvConfigInput,
  OneRosterSftpSettings,
} from './csv/oneroster-csv-config.js';
export {
  oneRosterCsvConfigSchema,
  oneRosterSftpSettingsSchema,
  parseOneRosterCsvConfig,
} from './csv/oneroster-csv-config.js';
export type {
  OneRosterCsvConnector,
  OneRosterCsvDropInfo,
  OneRosterCsvRuntimeOptions,
} from './csv/oneroster-csv-connector.js';
export { createOneRosterCsvConnector } from './csv/oneroster-csv-connector.js';
export {
  oneRosterCsvFileNames,
  oneRosterCsvHeaders,
  oneRosterManifestFileName,
} from './csv/oneroster-csv-files.js';
export type { OneRosterCsvFileMode, OneRosterCsvManifest } from './csv/oneroster-csv-manifest.js';
