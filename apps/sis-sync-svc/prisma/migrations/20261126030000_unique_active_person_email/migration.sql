-- One active person per email per tenant, also when two providers of a tenant create the same new
-- person at once (docs/decisions/0450, follow-up). "Active" is roster_users.active; the store writes
-- emails as lower(btrim(email)) and blank emails as NULL.

-- Existing duplicates (from concurrent syncs before this index) are merged: the oldest active person
-- keeps the email, the others' provider links move to it and the others are deactivated.
WITH ranked AS (
    SELECT "id",
           first_value("id") OVER (PARTITION BY "tenant_id", lower(btrim("email")) ORDER BY "created_at", "id") AS "keeper"
      FROM "roster_users"
     WHERE "active" AND btrim("email") <> ''
),
duplicates AS (
    SELECT "id", "keeper" FROM ranked WHERE "id" <> "keeper"
),
moved AS (
    UPDATE "roster_user_links" link SET "user_id" = duplicates."keeper", "updated_at" = now()
      FROM duplicates WHERE link."user_id" = duplicates."id"
    RETURNING link."id"
)
UPDATE "roster_users" person SET "active" = false, "deactivated_at" = now(), "updated_at" = now()
  FROM duplicates WHERE person."id" = duplicates."id";

CREATE UNIQUE INDEX "roster_users_tenant_id_active_email_key"
    ON "roster_users"("tenant_id", lower(btrim("email")))
 WHERE "active" AND btrim("email") <> '';
