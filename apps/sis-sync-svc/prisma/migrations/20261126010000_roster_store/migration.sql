-- The Postgres RosterStore (sync-core's storage port). Written by hand to match prisma/schema.prisma.
-- See docs/decisions/0450-postgres-roster-store.md.
--
-- sync-core treats provider ids and run ids as opaque text (its contract suite and dry runs use ids that
-- exist nowhere else), so the store's id columns become TEXT and the run foreign keys of the change log
-- and the issue list are replaced by a trigger that still deletes them with their run.

-- Change log: scoped by tenant and provider, with the user concerned, the reason and the held set.
ALTER TABLE "roster_changes" DROP CONSTRAINT "roster_changes_run_id_fkey";
ALTER TABLE "roster_changes"
    ALTER COLUMN "run_id" TYPE TEXT,
    ADD COLUMN "tenant_id" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "provider_id" TEXT NOT NULL DEFAULT '',
    ADD COLUMN "user_id" UUID,
    ADD COLUMN "reason" TEXT,
    ADD COLUMN "held_id" UUID;
ALTER TABLE "roster_changes" ALTER COLUMN "tenant_id" DROP DEFAULT, ALTER COLUMN "provider_id" DROP DEFAULT;
CREATE INDEX "roster_changes_run_id_tenant_id_provider_id_id_idx" ON "roster_changes"("run_id", "tenant_id", "provider_id", "id");

-- Run issues: scoped by tenant and provider; the structured location kept for an exact round trip.
ALTER TABLE "sis_run_issues" DROP CONSTRAINT "sis_run_issues_run_id_fkey";
ALTER TABLE "sis_run_issues"
    ALTER COLUMN "run_id" TYPE TEXT,
    ADD COLUMN "tenant_id" TEXT,
    ADD COLUMN "provider_id" TEXT,
    ADD COLUMN "location_json" JSONB;

-- What the foreign keys did: a deleted run (or provider) takes its issues and change log with it.
CREATE FUNCTION "sis_sync_runs_delete_run_records"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "sis_run_issues" WHERE "run_id" IN (SELECT "id"::text FROM "deleted_runs");
    DELETE FROM "roster_changes" WHERE "run_id" IN (SELECT "id"::text FROM "deleted_runs");
    RETURN NULL;
END
$$;
CREATE TRIGGER "sis_sync_runs_delete_run_records_trigger"
    AFTER DELETE ON "sis_sync_runs"
    REFERENCING OLD TABLE AS "deleted_runs"
    FOR EACH STATEMENT EXECUTE FUNCTION "sis_sync_runs_delete_run_records"();

-- Roster rows: text ids, the full normalized record, and uniqueness per tenant, provider and sourcedId
-- (index names kept so existing references stay valid).
ALTER TABLE "roster_orgs"
    ALTER COLUMN "provider_id" TYPE TEXT,
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT,
    ADD COLUMN "content_json" JSONB;
DROP INDEX "roster_orgs_provider_id_sourced_id_key";
CREATE UNIQUE INDEX "roster_orgs_provider_id_sourced_id_key" ON "roster_orgs"("tenant_id", "provider_id", "sourced_id");

ALTER TABLE "roster_academic_sessions"
    ALTER COLUMN "provider_id" TYPE TEXT,
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT,
    ADD COLUMN "content_json" JSONB;
DROP INDEX "roster_academic_sessions_provider_id_sourced_id_key";
CREATE UNIQUE INDEX "roster_academic_sessions_provider_id_sourced_id_key" ON "roster_academic_sessions"("tenant_id", "provider_id", "sourced_id");

ALTER TABLE "roster_courses"
    ALTER COLUMN "provider_id" TYPE TEXT,
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT,
    ADD COLUMN "content_json" JSONB;
DROP INDEX "roster_courses_provider_id_sourced_id_key";
CREATE UNIQUE INDEX "roster_courses_provider_id_sourced_id_key" ON "roster_courses"("tenant_id", "provider_id", "sourced_id");

ALTER TABLE "roster_classes"
    ALTER COLUMN "provider_id" TYPE TEXT,
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT,
    ALTER COLUMN "school_sourced_id" DROP NOT NULL,
    ADD COLUMN "content_json" JSONB;
DROP INDEX "roster_classes_provider_id_sourced_id_key";
CREATE UNIQUE INDEX "roster_classes_provider_id_sourced_id_key" ON "roster_classes"("tenant_id", "provider_id", "sourced_id");

ALTER TABLE "roster_user_links"
    ALTER COLUMN "provider_id" TYPE TEXT,
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT,
    ADD COLUMN "content_json" JSONB;
DROP INDEX "roster_user_links_provider_id_sourced_id_key";
CREATE UNIQUE INDEX "roster_user_links_provider_id_sourced_id_key" ON "roster_user_links"("tenant_id", "provider_id", "sourced_id");

ALTER TABLE "roster_enrollments"
    ALTER COLUMN "provider_id" TYPE TEXT,
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT,
    ADD COLUMN "content_json" JSONB;
DROP INDEX "roster_enrollments_provider_id_sourced_id_key";
CREATE UNIQUE INDEX "roster_enrollments_provider_id_sourced_id_key" ON "roster_enrollments"("tenant_id", "provider_id", "sourced_id");

ALTER TABLE "roster_users"
    ALTER COLUMN "deactivated_by_run_id" TYPE TEXT,
    ALTER COLUMN "last_seen_run_id" TYPE TEXT;

-- Seen-markers: run-scoped scratch data, rebuilt by the next run if lost in a crash, so UNLOGGED.
CREATE UNLOGGED TABLE "roster_seen_markers" (
    "tenant_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "accepted" BOOLEAN NOT NULL,
    "deleted" BOOLEAN NOT NULL,

    CONSTRAINT "roster_seen_markers_pkey" PRIMARY KEY ("tenant_id", "provider_id", "run_id", "entity", "sourced_id")
);

-- Deactivations held back by a safety threshold, and the rows each set holds.
CREATE TABLE "roster_held_sets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "count" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "roster_held_sets_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "roster_held_sets_tenant_id_provider_id_entity_status_idx" ON "roster_held_sets"("tenant_id", "provider_id", "entity", "status");
CREATE INDEX "roster_held_sets_run_id_idx" ON "roster_held_sets"("run_id");

CREATE TABLE "roster_held_items" (
    "held_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,

    CONSTRAINT "roster_held_items_pkey" PRIMARY KEY ("held_id", "sourced_id")
);
ALTER TABLE "roster_held_items" ADD CONSTRAINT "roster_held_items_held_id_fkey" FOREIGN KEY ("held_id") REFERENCES "roster_held_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Per-provider sync state and settings the executor keeps: the Clever event cursor after a full sync,
-- whether unmatched users are created, and the safety thresholds.
CREATE TABLE "sis_provider_sync_state" (
    "provider_id" UUID NOT NULL,
    "delta_cursor" TEXT,
    "delta_cursor_run_id" UUID,
    "create_unmatched_users" BOOLEAN NOT NULL DEFAULT true,
    "max_deactivate_percent" DOUBLE PRECISION,
    "max_deactivate_percent_by_entity" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_provider_sync_state_pkey" PRIMARY KEY ("provider_id")
);
ALTER TABLE "sis_provider_sync_state" ADD CONSTRAINT "sis_provider_sync_state_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "sis_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
