-- claimcast schema, version 3: dataset provenance. Which (table, source) pairs are loaded, from
-- which file and hash, and whether they came with the shipped data/fiscal files or from
-- `claimcast dataset import`. A reload of the shipped files replaces only shipped pairs.

CREATE TABLE IF NOT EXISTS dataset_meta (
  key   TEXT PRIMARY KEY,                 -- e.g. 'shipped_hash'
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS dataset_imports (
  table_name  TEXT NOT NULL,
  source_id   TEXT NOT NULL,
  origin      TEXT NOT NULL,               -- shipped | import
  file        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (table_name, source_id)
);

ALTER TABLE dataset_sources ADD COLUMN label TEXT;
