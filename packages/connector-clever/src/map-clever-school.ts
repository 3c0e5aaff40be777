import type { OrgInput } from '@aivo/connector-sdk';
import type { CleverSchool } from './clever-api-schemas.js';

/**
 * Maps a Clever school to an org of type `school` whose parent is its district. The `identifier` is the
 * NCES id, else the state id, else the district's school number: the most widely shared id first.
 */
export function mapCleverSchool(school: CleverSchool, districtId: string): OrgInput {
  return {
    sourcedId: school.id,
    status: 'active',
    dateLastModified: school.last_modified ?? undefined,
    name: school.name ?? '',
    type: 'school',
    identifier: school.nces_id || school.state_id || school.school_number || undefined,
    parentSourcedId: school.district ?? districtId,
    raw: school,
  };
}
