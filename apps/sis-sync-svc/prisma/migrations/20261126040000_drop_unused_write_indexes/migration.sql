-- Indexes that every roster write maintains but no query uses (docs/decisions/0800):
-- `last_seen_run_id` is never written (seen-markers replaced it), so its indexes hold only NULLs;
-- `roster_changes (run_id, entity)` is covered by `(run_id, tenant_id, provider_id, id)`;
-- `roster_user_links (tenant_id)` is covered by the unique `(tenant_id, provider_id, sourced_id)`.
DROP INDEX IF EXISTS "roster_orgs_provider_id_last_seen_run_id_idx";
DROP INDEX IF EXISTS "roster_academic_sessions_provider_id_last_seen_run_id_idx";
DROP INDEX IF EXISTS "roster_courses_provider_id_last_seen_run_id_idx";
DROP INDEX IF EXISTS "roster_classes_provider_id_last_seen_run_id_idx";
DROP INDEX IF EXISTS "roster_user_links_provider_id_last_seen_run_id_idx";
DROP INDEX IF EXISTS "roster_enrollments_provider_id_last_seen_run_id_idx";
DROP INDEX IF EXISTS "roster_changes_run_id_entity_idx";
DROP INDEX IF EXISTS "roster_user_links_tenant_id_idx";
