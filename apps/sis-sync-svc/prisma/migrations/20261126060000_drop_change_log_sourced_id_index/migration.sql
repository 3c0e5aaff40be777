-- The change log's (entity, sourced_id) index is maintained by every roster write (one entry per created,
-- updated, reactivated or deactivated row) but no query reads the log by sourcedId: it is listed by run
-- through (run_id, tenant_id, provider_id, id). Dropping it removes one of the eight index entries an
-- enrollment's creation writes (docs/decisions/0800).
DROP INDEX IF EXISTS "roster_changes_entity_sourced_id_idx";
