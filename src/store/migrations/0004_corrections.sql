-- claimcast schema, version 4: speaker corrections made by producers on the episode page.
-- Corrections outlive re-ingests: writeEpisode replays them, in id order, over the freshly stored
-- turns. A 'rename' renames every turn of `from_name`; a 'move' gives one turn (found by
-- `turn_key`, its source start offset and a hash of its text, never its index alone) to `to_name`.

CREATE TABLE speaker_corrections (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  episode_id TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('rename', 'move')),
  from_name  TEXT NOT NULL,                 -- rename: the name replaced; move: the turn's speaker then
  turn_key   TEXT,                          -- move only: "<start_offset>:<text hash>"
  to_name    TEXT NOT NULL,
  to_role    TEXT CHECK (to_role IS NULL OR to_role IN ('host', 'guest', 'caller', 'listener', 'unknown')),
  by         TEXT NOT NULL,
  at         TEXT NOT NULL,
  CHECK ((kind = 'move') = (turn_key IS NOT NULL))
);
CREATE INDEX speaker_corrections_episode ON speaker_corrections(episode_id, id);
