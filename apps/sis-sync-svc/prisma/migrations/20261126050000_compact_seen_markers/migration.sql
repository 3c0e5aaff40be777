-- Seen-markers keyed by one 64-bit run key (hashtextextended of [tenant, provider, run] as JSON) instead of
-- three text columns: the primary key shrinks to a third, which was most of the markers' cost in a large
-- district (docs/decisions/0800). Markers are run-scoped scratch data: a run in flight during this
-- migration fails its next store call and deactivates nothing; the next run rebuilds its markers.
DROP TABLE "roster_seen_markers";

CREATE UNLOGGED TABLE "roster_seen_markers" (
    "run_key" BIGINT NOT NULL,
    "entity" TEXT NOT NULL,
    "sourced_id" TEXT NOT NULL,
    "accepted" BOOLEAN NOT NULL,
    "deleted" BOOLEAN NOT NULL,

    CONSTRAINT "roster_seen_markers_pkey" PRIMARY KEY ("run_key", "entity", "sourced_id")
);
