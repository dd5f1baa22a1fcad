-- Covering index for the "times said" count an ingest runs per claim hash
-- (SELECT count(*), count(DISTINCT episode_id) ... WHERE orphaned = 0 AND text_hash IN (...)):
-- without it each count reads every repeated item's row.
CREATE INDEX queue_items_hash_live ON queue_items(text_hash, orphaned, episode_id);
