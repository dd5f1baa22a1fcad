-- How often each claim text is said, kept up to date by triggers instead of counted on every ingest.
-- An ingest needs, for each of its claims' text hashes, the number of live (not orphaned) queue items
-- with that hash and in how many episodes they are. Counting them (an index scan over every item with
-- the hash) costs time in proportion to how often the claim was said before, so over a growing
-- database the counts grew with the square of a recurring claim's repeats (~2 ms an ingest at 1,000
-- synthetic episodes; over 10,000 the store took 324 s with the count and 164 s with these tables).
-- These two tables hold the same numbers; queue items are never
-- deleted, so the triggers below follow every insert and every change of `orphaned`, `text_hash` or
-- `episode_id`. A live item is one with `orphaned = 0` and a text hash.

-- Live items per text hash, and in how many episodes (`eps` = rows of queue_hash_episodes with the hash; kept,
-- not counted, since counting them is again a scan that grows with every episode repeating the claim).
CREATE TABLE queue_hash_counts (
  text_hash TEXT PRIMARY KEY,
  n         INTEGER NOT NULL,
  eps       INTEGER NOT NULL
) WITHOUT ROWID;

-- Live items per text hash and episode (a row exists only while n > 0).
CREATE TABLE queue_hash_episodes (
  text_hash  TEXT NOT NULL,
  episode_id TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (text_hash, episode_id)
) WITHOUT ROWID;

INSERT INTO queue_hash_episodes (text_hash, episode_id, n)
  SELECT text_hash, episode_id, count(*) FROM queue_items WHERE orphaned = 0 AND text_hash IS NOT NULL GROUP BY text_hash, episode_id;
INSERT INTO queue_hash_counts (text_hash, n, eps)
  SELECT text_hash, sum(n), count(*) FROM queue_hash_episodes GROUP BY text_hash;

-- An item becomes live: one more for its hash, and one more episode if it is the first in its episode.
CREATE TRIGGER queue_hash_add_insert AFTER INSERT ON queue_items
WHEN NEW.orphaned = 0 AND NEW.text_hash IS NOT NULL
BEGIN
  INSERT INTO queue_hash_episodes (text_hash, episode_id, n) VALUES (NEW.text_hash, NEW.episode_id, 1)
    ON CONFLICT (text_hash, episode_id) DO UPDATE SET n = n + 1;
  INSERT INTO queue_hash_counts (text_hash, n, eps) VALUES (NEW.text_hash, 1, 1)
    ON CONFLICT (text_hash) DO UPDATE SET n = n + 1,
      eps = eps + (SELECT e.n = 1 FROM queue_hash_episodes e WHERE e.text_hash = NEW.text_hash AND e.episode_id = NEW.episode_id);
END;

-- The same body for an item that becomes live by an update (SQLite triggers fire on one kind of statement
-- and cannot share a body).
CREATE TRIGGER queue_hash_add_update AFTER UPDATE OF orphaned, text_hash, episode_id ON queue_items
WHEN NEW.orphaned = 0 AND NEW.text_hash IS NOT NULL
  AND NOT (OLD.orphaned = 0 AND OLD.text_hash IS NEW.text_hash AND OLD.episode_id IS NEW.episode_id)
BEGIN
  INSERT INTO queue_hash_episodes (text_hash, episode_id, n) VALUES (NEW.text_hash, NEW.episode_id, 1)
    ON CONFLICT (text_hash, episode_id) DO UPDATE SET n = n + 1;
  INSERT INTO queue_hash_counts (text_hash, n, eps) VALUES (NEW.text_hash, 1, 1)
    ON CONFLICT (text_hash) DO UPDATE SET n = n + 1,
      eps = eps + (SELECT e.n = 1 FROM queue_hash_episodes e WHERE e.text_hash = NEW.text_hash AND e.episode_id = NEW.episode_id);
END;

-- An item stops being live (orphaned, or its hash or episode changed): one fewer, rows at 0 removed.
CREATE TRIGGER queue_hash_remove_update AFTER UPDATE OF orphaned, text_hash, episode_id ON queue_items
WHEN OLD.orphaned = 0 AND OLD.text_hash IS NOT NULL
  AND NOT (NEW.orphaned = 0 AND NEW.text_hash IS OLD.text_hash AND NEW.episode_id IS OLD.episode_id)
BEGIN
  UPDATE queue_hash_episodes SET n = n - 1 WHERE text_hash = OLD.text_hash AND episode_id = OLD.episode_id;
  UPDATE queue_hash_counts SET n = n - 1,
      eps = eps - (SELECT e.n = 0 FROM queue_hash_episodes e WHERE e.text_hash = OLD.text_hash AND e.episode_id = OLD.episode_id)
    WHERE text_hash = OLD.text_hash;
  DELETE FROM queue_hash_episodes WHERE text_hash = OLD.text_hash AND episode_id = OLD.episode_id AND n = 0;
  DELETE FROM queue_hash_counts WHERE text_hash = OLD.text_hash AND n = 0;
END;

-- `queue_items_hash_live` (text_hash, orphaned, episode_id) serves every lookup by hash; this one is its prefix.
DROP INDEX IF EXISTS queue_items_hash;
