import type { OrgInput } from '@aivo/connector-sdk';
import type { CleverDistrict } from './clever-api-schemas.js';

/** Maps Clever's district to the top org (`type: 'district'`); its `identifier` is the NCES id when Clever has one. */
export function mapCleverDistrict(district: CleverDistrict): OrgInput {
  return {
    sourcedId: district.id,
    status: 'active',
    dateLastModified: district.last_modified ?? undefined,
    name: district.name ?? '',
    type: 'district',
    identifier: district.nces_id ?? district.mdr_number ?? undefined,
    raw: district,
  };
}
