-- claimcast schema, version 6: `sentences.normal` is NULL where it equals `text` (about two thirds
-- of all sentences), instead of a second copy of the text. Read it as `coalesce(normal, text)`.
--
-- SQLite cannot drop a NOT NULL constraint in place, so the table is rebuilt (the "generalized
-- ALTER TABLE" procedure of https://www.sqlite.org/lang_altertable.html, steps 4-7): create the
-- new table, copy the rows, drop the old table, rename the new one. Every other column, its order,
-- type and constraint is as in 0001_init.sql; the only index is the primary key's, and no trigger
-- or view uses the table. This runs inside the migration's transaction with foreign keys on, which
-- is safe here: no table references `sentences` (so the DROP's implicit DELETE touches no other
-- row), and every copied row already satisfies its own reference to `episodes`.
--
-- Cost on an existing database: the table is copied once (300 synthetic episodes, 180,579
-- sentences: ~0.3 s CPU). The old table's pages go to the free list, so the file grows by the new
-- copy (there 98 → 145 MB, 53 MB free); later ingests reuse the free pages, and `VACUUM` (which
-- cannot run inside the migration's transaction) gives them back at once.

CREATE TABLE sentences_v6 (
  episode_id   TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,            -- order in the episode
  turn_idx     INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  start_line   INTEGER NOT NULL,
  end_line     INTEGER NOT NULL,
  start_time   REAL,
  end_time     REAL,
  text         TEXT NOT NULL,
  normal       TEXT,                        -- the stutter-free text; NULL = the same as text
  claimant     TEXT,
  score        REAL NOT NULL,
  PRIMARY KEY (episode_id, idx)
);

INSERT INTO sentences_v6 (episode_id, idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time,
  text, normal, claimant, score)
SELECT episode_id, idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time,
  text, NULLIF(normal, text), claimant, score
FROM sentences ORDER BY episode_id, idx;

DROP TABLE sentences;
ALTER TABLE sentences_v6 RENAME TO sentences;
