-- claimcast schema, version 7: a sentence's text is stored once, in its turn. The rows move to
-- `sentence_rows`, which holds where the sentence lies in its turn's text (`text_start`,
-- `text_end`: 0-based, end-exclusive character offsets into `turns.text`) and leaves `text` NULL;
-- `sentences` becomes a view with exactly the columns, order and values the table had, the text
-- cut out of the turn's. Reading `sentences` is unchanged; only writers use `sentence_rows`.
--
-- Why: every sentence's text was a second copy of its turn's, a third of the database
-- (1,000 synthetic episodes, 605,905 sentences: 302 → 241 MB) and of the bytes each ingest writes.
--
-- `text` stays as a column: a row whose turn does not hold it at its offsets (hand-built records)
-- keeps its own text, and the rows copied here keep theirs (offsets NULL), so this migration
-- computes nothing; re-ingesting an episode writes its rows the new way. Same rebuild procedure
-- and the same safety argument as 0006 (no table references `sentences`, no trigger or view used it).
-- Cost on an existing database: one copy of the table (200 synthetic episodes, 121,112 sentences:
-- ~0.5 s; the file grows 61 → 92 MB, 31 MB of it free pages that later ingests reuse and `VACUUM`
-- gives back).

CREATE TABLE sentence_rows (
  episode_id   TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,            -- order in the episode
  turn_idx     INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  start_line   INTEGER NOT NULL,
  end_line     INTEGER NOT NULL,
  start_time   REAL,
  end_time     REAL,
  text_start   INTEGER,                     -- the text is substr(turns.text, text_start + 1, text_end - text_start)
  text_end     INTEGER,
  text         TEXT,                        -- NULL = cut from the turn's text; set where no offsets are
  normal       TEXT,                        -- the stutter-free text; NULL = the same as the text
  claimant     TEXT,
  score        REAL NOT NULL,
  PRIMARY KEY (episode_id, idx),
  CHECK (text IS NOT NULL OR (text_start IS NOT NULL AND text_end IS NOT NULL))
);

INSERT INTO sentence_rows (episode_id, idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time,
  text, normal, claimant, score)
SELECT episode_id, idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time,
  text, normal, claimant, score
FROM sentences ORDER BY episode_id, idx;

DROP TABLE sentences;

CREATE VIEW sentences AS
SELECT s.episode_id, s.idx, s.turn_idx, s.start_offset, s.end_offset, s.start_line, s.end_line, s.start_time, s.end_time,
  coalesce(s.text, substr(t.text, s.text_start + 1, s.text_end - s.text_start)) AS text,
  s.normal, s.claimant, s.score
FROM sentence_rows s LEFT JOIN turns t ON t.episode_id = s.episode_id AND t.idx = s.turn_idx;
