export type { RunningSimulator, ServeCommandOptions } from './cli/serve-command.js';
export { startSimulatorServers } from './cli/serve-command.js';
export type { OneRosterCsvMode } from './csv/oneroster-csv-files.js';
export { oneRosterCsvFileNames, oneRosterCsvHeaders } from './csv/oneroster-csv-files.js';
export type { WriteOneRosterCsvOptions, WrittenOneRosterCsv } from './csv/write-oneroster-csv.js';
export { writeOneRosterCsv } from './csv/write-oneroster-csv.js';
export type { CollectedDistrict } from './generator/collect-district.js';
export { collectDistrict } from './generator/collect-district.js';
export type {
  CreateDistrictOptions,
  DistrictRecordStreams,
  SimulatedDistrict,
} from './generator/create-district.js';
export { createDistrict } from './generator/create-district.js';
export type { DistrictChanges, EntityChanges } from './generator/district-changes.js';
export type { DistrictCounts, DistrictCountsInput, DistrictSizeName } from './generator/district-counts.js';
export { districtSizes, isDistrictSizeName, resolveDistrictCounts } from './generator/district-counts.js';
export type { DistrictGroundTruth, SimulatedUserRole } from './generator/district-ground-truth.js';
export { dayTimestamp, schoolYear } from './generator/school-calendar.js';
// The protocol servers and fault injection keep their own barrel (src/servers/index.ts).
export * from './servers/index.js';
