import { z } from 'zod';

/**
 * A problem with one source record that did not stop the read: a malformed CSV row, a record that failed
 * validation, a duplicate. Connectors report these through `ReadOptions.onIssue` and skip the record.
 */
export const recordIssueSchema = z.object({
  entity: z.enum(['orgs', 'academicSessions', 'courses', 'classes', 'users', 'enrollments']),
  /** `error`: the record was skipped. `warning`: it was kept, with something worth knowing. */
  severity: z.enum(['error', 'warning']),
  /** A stable snake_case code, e.g. `invalid_record`, `wrong_column_count`, `duplicate_sourced_id`. */
  code: z.string(),
  message: z.string(),
  sourcedId: z.string().optional(),
  /** Where the record came from: a file and line, or a URL. */
  location: z
    .object({
      file: z.string().optional(),
      line: z.number().int().optional(),
      url: z.string().optional(),
    })
    .optional(),
  /** Field paths and messages, e.g. from zod validation. */
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export type RecordIssue = z.infer<typeof recordIssueSchema>;
