-- claimcast schema, version 1. Offsets are 0-based, end-exclusive UTF-16 code-unit indices into the
-- decoded source text; lines are 1-based; times are seconds or NULL.

CREATE TABLE episodes (
  id            TEXT PRIMARY KEY,          -- file base name without extension
  source_path   TEXT NOT NULL,
  content_hash  TEXT NOT NULL,             -- sha256 of the raw bytes
  format        TEXT NOT NULL,
  show          TEXT,
  title         TEXT,
  air_date      TEXT,                      -- YYYY-MM-DD
  meta_json     TEXT NOT NULL DEFAULT '{}',
  diagnostics_json TEXT NOT NULL DEFAULT '[]',
  ingested_at   TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE speakers (
  episode_id TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  heard_as   TEXT,                          -- the ASR spelling before repair, if different
  PRIMARY KEY (episode_id, name)
);

CREATE TABLE turns (
  episode_id   TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,
  speaker      TEXT NOT NULL,
  role         TEXT NOT NULL,
  confidence   REAL NOT NULL,
  evidence_json TEXT NOT NULL DEFAULT '[]',
  is_teaser    INTEGER NOT NULL DEFAULT 0,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  start_line   INTEGER NOT NULL,
  end_line     INTEGER NOT NULL,
  start_time   REAL,
  end_time     REAL,
  text         TEXT NOT NULL,
  PRIMARY KEY (episode_id, idx)
);

CREATE TABLE sentences (
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
  normal       TEXT NOT NULL,
  claimant     TEXT,
  score        REAL NOT NULL,
  PRIMARY KEY (episode_id, idx)
);

-- A claim's id is stable across re-ingests: episode, a hash of its normalised text, and an ordinal
-- among claims of the episode with the same text. It never depends on row ids or order.
CREATE TABLE claims (
  id           TEXT PRIMARY KEY,
  episode_id   TEXT NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
  text_hash    TEXT NOT NULL,
  sentence_idx INTEGER NOT NULL,
  turn_idx     INTEGER NOT NULL,
  speaker      TEXT NOT NULL,
  claimant     TEXT NOT NULL,
  role         TEXT NOT NULL,
  text         TEXT NOT NULL,
  normal       TEXT NOT NULL,
  score        REAL NOT NULL,
  type         TEXT NOT NULL,
  year         INTEGER,
  start_offset INTEGER NOT NULL,
  end_offset   INTEGER NOT NULL,
  start_line   INTEGER NOT NULL,
  end_line     INTEGER NOT NULL,
  start_time   REAL,
  end_time     REAL,
  from_teaser  INTEGER NOT NULL DEFAULT 0,
  suggestion_json TEXT
);
CREATE INDEX claims_episode ON claims(episode_id, sentence_idx);

CREATE TABLE topics (
  id     TEXT PRIMARY KEY,
  label  TEXT NOT NULL,
  weight REAL NOT NULL DEFAULT 1
);

CREATE TABLE claim_topics (
  claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  topic_id   TEXT NOT NULL,
  terms_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (claim_id, topic_id)
);

CREATE TABLE quantities (
  claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  ord      INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  value    REAL NOT NULL,
  unit     TEXT NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (claim_id, ord)
);

CREATE TABLE claim_states (
  claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  state    TEXT NOT NULL,
  PRIMARY KEY (claim_id, state)
);

CREATE TABLE dataset_sources (
  id         TEXT PRIMARY KEY,
  publisher  TEXT,
  title      TEXT,
  url        TEXT,
  method     TEXT,
  year_basis TEXT,
  notes      TEXT
);

CREATE TABLE dataset_rows (
  id          INTEGER PRIMARY KEY,
  table_name  TEXT NOT NULL,
  source_id   TEXT NOT NULL REFERENCES dataset_sources(id),
  state       TEXT NOT NULL,                -- two-letter code, or US
  year        INTEGER NOT NULL,
  metric      TEXT NOT NULL,
  value       REAL NOT NULL,
  variant     TEXT,                         -- e.g. covid_relief included/excluded, census/estimate
  extra_json  TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX dataset_rows_lookup ON dataset_rows(metric, state, year);
CREATE INDEX dataset_rows_source ON dataset_rows(table_name, source_id);

CREATE TABLE claim_links (
  claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  ord        INTEGER NOT NULL,
  source_id  TEXT NOT NULL,
  table_name TEXT NOT NULL,
  state      TEXT NOT NULL,
  year       INTEGER NOT NULL,
  metric     TEXT NOT NULL,
  value      REAL NOT NULL,
  claimed    REAL,
  note       TEXT,
  PRIMARY KEY (claim_id, ord)
);

-- Queue items outlive claims: keyed by the stable claim id, never deleted. A claim that vanished
-- on re-ingest leaves its item 'orphaned' with the old text.
CREATE TABLE queue_items (
  claim_id    TEXT PRIMARY KEY,
  episode_id  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open',  -- open | claimed | resolved | skipped
  orphaned    INTEGER NOT NULL DEFAULT 0,
  old_text    TEXT,
  priority    REAL NOT NULL DEFAULT 0,
  assignee    TEXT,
  verdict     TEXT,
  note        TEXT,
  sources_json TEXT NOT NULL DEFAULT '[]',
  resolved_by TEXT,
  resolved_at TEXT,
  published   INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX queue_status_priority ON queue_items(status, priority DESC);

-- Append-only: no UPDATE or DELETE ever touches it.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  claim_id    TEXT,
  episode_id  TEXT,
  before_json TEXT,
  after_json  TEXT,
  reason      TEXT
);
CREATE INDEX audit_claim ON audit_log(claim_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  ingested    INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  claims_added INTEGER NOT NULL DEFAULT 0,
  details_json TEXT NOT NULL DEFAULT '[]'
);
