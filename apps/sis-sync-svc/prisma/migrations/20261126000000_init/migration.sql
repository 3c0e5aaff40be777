-- Initial schema of the SIS roster sync service. Written by hand to match prisma/schema.prisma
-- (Prisma's schema engine is not available everywhere); applied in-process by the service and
-- compatible with `prisma migrate deploy`.

-- CreateEnum
CREATE TYPE "provider_type" AS ENUM ('CLEVER', 'CLASSLINK', 'ONEROSTER_API', 'ONEROSTER_CSV');

-- CreateEnum
CREATE TYPE "sync_run_status" AS ENUM ('PENDING', 'IN_PROGRESS', 'SUCCESS', 'PARTIAL', 'FAILURE', 'CANCELLED');

-- CreateTable
CREATE TABLE "sis_providers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_type" "provider_type" NOT NULL,
    "name" TEXT NOT NULL,
    "config_json" TEXT NOT NULL,
    "config_key_id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sync_schedule" TEXT,
    "sync_timezone" TEXT NOT NULL DEFAULT 'UTC',
    "last_sync_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_sync_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider_id" UUID NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "status" "sync_run_status" NOT NULL DEFAULT 'PENDING',
    "mode" TEXT NOT NULL DEFAULT 'full',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "is_manual" BOOLEAN NOT NULL DEFAULT false,
    "triggered_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "worker_id" TEXT,
    "job_id" TEXT,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "stats_json" JSONB,
    "progress_json" JSONB,
    "held_deactivations_json" JSONB,
    "held_status" TEXT,
    "error_message" TEXT,

    CONSTRAINT "sis_sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_run_issues" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "sourced_id" TEXT,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "location" TEXT,
    "detail_json" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_run_issues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_changes" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "entity" TEXT NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "before_json" JSONB,
    "after_json" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "tenant_id" TEXT,
    "action" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT,
    "outcome" TEXT NOT NULL,
    "detail_json" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_raw_schools" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "record_status" TEXT NOT NULL DEFAULT 'active',
    "name" TEXT NOT NULL,
    "org_type" TEXT NOT NULL,
    "identifier" TEXT,
    "parent_external_id" TEXT,
    "raw_json" JSONB NOT NULL,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "processed_at" TIMESTAMPTZ(3),
    "processing_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_raw_schools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_raw_terms" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "record_status" TEXT NOT NULL DEFAULT 'active',
    "title" TEXT NOT NULL,
    "session_type" TEXT NOT NULL,
    "start_date" TEXT,
    "end_date" TEXT,
    "parent_external_id" TEXT,
    "raw_json" JSONB NOT NULL,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "processed_at" TIMESTAMPTZ(3),
    "processing_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_raw_terms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_raw_courses" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "record_status" TEXT NOT NULL DEFAULT 'active',
    "title" TEXT NOT NULL,
    "course_code" TEXT,
    "org_external_id" TEXT,
    "raw_json" JSONB NOT NULL,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "processed_at" TIMESTAMPTZ(3),
    "processing_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_raw_courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_raw_classes" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "record_status" TEXT NOT NULL DEFAULT 'active',
    "title" TEXT NOT NULL,
    "class_code" TEXT,
    "course_external_id" TEXT,
    "school_external_id" TEXT NOT NULL,
    "term_external_ids" TEXT[],
    "raw_json" JSONB NOT NULL,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "processed_at" TIMESTAMPTZ(3),
    "processing_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_raw_classes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_raw_users" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "record_status" TEXT NOT NULL DEFAULT 'active',
    "role" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "email" TEXT,
    "username" TEXT,
    "identifier" TEXT,
    "org_external_ids" TEXT[],
    "raw_json" JSONB NOT NULL,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "processed_at" TIMESTAMPTZ(3),
    "processing_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_raw_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sis_raw_enrollments" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "record_status" TEXT NOT NULL DEFAULT 'active',
    "class_external_id" TEXT NOT NULL,
    "user_external_id" TEXT NOT NULL,
    "school_external_id" TEXT,
    "role" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "raw_json" JSONB NOT NULL,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "processed_at" TIMESTAMPTZ(3),
    "processing_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sis_raw_enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_orgs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "org_type" TEXT NOT NULL,
    "identifier" TEXT,
    "parent_sourced_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_orgs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_academic_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "session_type" TEXT NOT NULL,
    "start_date" TEXT,
    "end_date" TEXT,
    "parent_sourced_id" TEXT,
    "school_year" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_academic_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_courses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "course_code" TEXT,
    "org_sourced_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_classes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "class_code" TEXT,
    "class_type" TEXT NOT NULL DEFAULT 'scheduled',
    "course_sourced_id" TEXT,
    "school_sourced_id" TEXT NOT NULL,
    "term_sourced_ids" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_classes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "email" TEXT,
    "username" TEXT,
    "identifier" TEXT,
    "grades" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_user_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "org_sourced_ids" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_user_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_enrollments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "class_sourced_id" TEXT NOT NULL,
    "user_sourced_id" TEXT NOT NULL,
    "school_sourced_id" TEXT,
    "role" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "begin_date" TEXT,
    "end_date" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivated_at" TIMESTAMPTZ(3),
    "deactivated_by_run_id" UUID,
    "last_seen_run_id" UUID,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sis_providers_tenant_id_idx" ON "sis_providers"("tenant_id");

-- CreateIndex
CREATE INDEX "sis_sync_runs_provider_id_created_at_idx" ON "sis_sync_runs"("provider_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "sis_sync_runs_status_idx" ON "sis_sync_runs"("status");

-- CreateIndex
CREATE INDEX "sis_run_issues_run_id_id_idx" ON "sis_run_issues"("run_id", "id");

-- CreateIndex
CREATE INDEX "roster_changes_run_id_entity_idx" ON "roster_changes"("run_id", "entity");

-- CreateIndex
CREATE INDEX "roster_changes_entity_sourced_id_idx" ON "roster_changes"("entity", "sourced_id");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_occurred_at_idx" ON "audit_log"("tenant_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_resource_type_resource_id_idx" ON "audit_log"("resource_type", "resource_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_raw_schools_run_id_external_id_key" ON "sis_raw_schools"("run_id", "external_id");

-- CreateIndex
CREATE INDEX "sis_raw_schools_provider_id_idx" ON "sis_raw_schools"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_raw_terms_run_id_external_id_key" ON "sis_raw_terms"("run_id", "external_id");

-- CreateIndex
CREATE INDEX "sis_raw_terms_provider_id_idx" ON "sis_raw_terms"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_raw_courses_run_id_external_id_key" ON "sis_raw_courses"("run_id", "external_id");

-- CreateIndex
CREATE INDEX "sis_raw_courses_provider_id_idx" ON "sis_raw_courses"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_raw_classes_run_id_external_id_key" ON "sis_raw_classes"("run_id", "external_id");

-- CreateIndex
CREATE INDEX "sis_raw_classes_provider_id_idx" ON "sis_raw_classes"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_raw_users_run_id_external_id_key" ON "sis_raw_users"("run_id", "external_id");

-- CreateIndex
CREATE INDEX "sis_raw_users_provider_id_idx" ON "sis_raw_users"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "sis_raw_enrollments_run_id_external_id_key" ON "sis_raw_enrollments"("run_id", "external_id");

-- CreateIndex
CREATE INDEX "sis_raw_enrollments_provider_id_idx" ON "sis_raw_enrollments"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "roster_orgs_provider_id_sourced_id_key" ON "roster_orgs"("provider_id", "sourced_id");

-- CreateIndex
CREATE INDEX "roster_orgs_tenant_id_active_idx" ON "roster_orgs"("tenant_id", "active");

-- CreateIndex
CREATE INDEX "roster_orgs_provider_id_last_seen_run_id_idx" ON "roster_orgs"("provider_id", "last_seen_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "roster_academic_sessions_provider_id_sourced_id_key" ON "roster_academic_sessions"("provider_id", "sourced_id");

-- CreateIndex
CREATE INDEX "roster_academic_sessions_tenant_id_active_idx" ON "roster_academic_sessions"("tenant_id", "active");

-- CreateIndex
CREATE INDEX "roster_academic_sessions_provider_id_last_seen_run_id_idx" ON "roster_academic_sessions"("provider_id", "last_seen_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "roster_courses_provider_id_sourced_id_key" ON "roster_courses"("provider_id", "sourced_id");

-- CreateIndex
CREATE INDEX "roster_courses_tenant_id_active_idx" ON "roster_courses"("tenant_id", "active");

-- CreateIndex
CREATE INDEX "roster_courses_provider_id_last_seen_run_id_idx" ON "roster_courses"("provider_id", "last_seen_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "roster_classes_provider_id_sourced_id_key" ON "roster_classes"("provider_id", "sourced_id");

-- CreateIndex
CREATE INDEX "roster_classes_tenant_id_active_idx" ON "roster_classes"("tenant_id", "active");

-- CreateIndex
CREATE INDEX "roster_classes_provider_id_last_seen_run_id_idx" ON "roster_classes"("provider_id", "last_seen_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "roster_enrollments_provider_id_sourced_id_key" ON "roster_enrollments"("provider_id", "sourced_id");

-- CreateIndex
CREATE INDEX "roster_enrollments_tenant_id_active_idx" ON "roster_enrollments"("tenant_id", "active");

-- CreateIndex
CREATE INDEX "roster_enrollments_provider_id_last_seen_run_id_idx" ON "roster_enrollments"("provider_id", "last_seen_run_id");

-- CreateIndex
CREATE INDEX "roster_classes_tenant_id_school_sourced_id_idx" ON "roster_classes"("tenant_id", "school_sourced_id");

-- CreateIndex
CREATE INDEX "roster_users_tenant_id_identifier_idx" ON "roster_users"("tenant_id", "identifier");

-- CreateIndex
CREATE INDEX "roster_users_tenant_id_active_role_idx" ON "roster_users"("tenant_id", "active", "role");

-- CreateIndex
CREATE UNIQUE INDEX "roster_user_links_provider_id_sourced_id_key" ON "roster_user_links"("provider_id", "sourced_id");

-- CreateIndex
CREATE INDEX "roster_user_links_user_id_idx" ON "roster_user_links"("user_id");

-- CreateIndex
CREATE INDEX "roster_user_links_tenant_id_idx" ON "roster_user_links"("tenant_id");

-- CreateIndex
CREATE INDEX "roster_user_links_provider_id_last_seen_run_id_idx" ON "roster_user_links"("provider_id", "last_seen_run_id");

-- CreateIndex
CREATE INDEX "roster_enrollments_provider_id_class_sourced_id_idx" ON "roster_enrollments"("provider_id", "class_sourced_id");

-- CreateIndex
CREATE INDEX "roster_enrollments_provider_id_user_sourced_id_idx" ON "roster_enrollments"("provider_id", "user_sourced_id");

-- Indexes Prisma's schema language cannot express (kept out of schema.prisma on purpose)

-- At most one queued or running sync per provider, whichever replica created it.
CREATE UNIQUE INDEX "sis_sync_runs_one_active_per_provider_key" ON "sis_sync_runs"("provider_id") WHERE "status" IN ('PENDING', 'IN_PROGRESS');

-- User matching by email is trimmed and case-insensitive.
CREATE INDEX "roster_users_tenant_id_lower_email_idx" ON "roster_users"("tenant_id", lower(btrim("email")));

-- Search by name in the roster read API.
CREATE INDEX "roster_users_tenant_id_lower_family_name_idx" ON "roster_users"("tenant_id", lower("family_name"));

-- AddForeignKey
ALTER TABLE "sis_sync_runs" ADD CONSTRAINT "sis_sync_runs_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "sis_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sis_run_issues" ADD CONSTRAINT "sis_run_issues_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "sis_sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_changes" ADD CONSTRAINT "roster_changes_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "sis_sync_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_user_links" ADD CONSTRAINT "roster_user_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "roster_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
