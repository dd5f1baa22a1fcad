-- claimcast schema, version 2: the shared fact-check workflow.
-- Queue items keep their workflow status (open | claimed | resolved | skipped) and, separately, the
-- `orphaned` flag, so an item whose claim vanished keeps its verdict. Times are ISO-8601 UTC strings.

-- A stable small integer per item: the FTS rowid (the implicit rowid may change on VACUUM).
ALTER TABLE queue_items ADD COLUMN seq INTEGER;
UPDATE queue_items SET seq = rowid;
CREATE UNIQUE INDEX queue_items_seq ON queue_items(seq);

-- The claim's text hash (the middle part of its id), to count repeats across episodes.
ALTER TABLE queue_items ADD COLUMN text_hash TEXT;
UPDATE queue_items SET text_hash = (SELECT c.text_hash FROM claims c WHERE c.id = queue_items.claim_id);
CREATE INDEX queue_items_hash ON queue_items(text_hash);
CREATE INDEX queue_items_episode ON queue_items(episode_id);

-- Why the item has its priority: a JSON array of {name, factor, detail}.
ALTER TABLE queue_items ADD COLUMN priority_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE queue_items ADD COLUMN claimed_at TEXT;
ALTER TABLE queue_items ADD COLUMN skip_reason TEXT;
ALTER TABLE queue_items ADD COLUMN first_verdict_at TEXT;
ALTER TABLE queue_items ADD COLUMN published_by TEXT;
ALTER TABLE queue_items ADD COLUMN published_at TEXT;

CREATE TRIGGER queue_items_no_delete BEFORE DELETE ON queue_items
BEGIN SELECT RAISE(ABORT, 'queue items are never deleted (an item whose claim vanished is orphaned)'); END;

CREATE TRIGGER queue_items_status_check BEFORE UPDATE OF status ON queue_items
WHEN NEW.status NOT IN ('open', 'claimed', 'resolved', 'skipped')
BEGIN SELECT RAISE(ABORT, 'invalid queue status'); END;

CREATE TRIGGER queue_items_verdict_check BEFORE UPDATE OF verdict ON queue_items
WHEN NEW.verdict IS NOT NULL
  AND NEW.verdict NOT IN ('true', 'mostly-true', 'half-true', 'mostly-false', 'false', 'misleading', 'unverifiable')
BEGIN SELECT RAISE(ABORT, 'invalid verdict'); END;

-- Full-text index over the last known text of every queue item (orphaned items keep their old
-- text), rowid = queue_items.seq. Candidates for claim matching.
CREATE VIRTUAL TABLE queue_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO queue_fts(rowid, text)
  SELECT q.seq, coalesce((SELECT c.text FROM claims c WHERE c.id = q.claim_id), q.old_text, '') FROM queue_items q;

-- Matches a person confirmed ("this is the same claim"), stored in both directions. Suggestions
-- are computed on the fly and never stored.
CREATE TABLE claim_matches (
  claim_id     TEXT NOT NULL,
  other_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,                 -- same-text | near-same | same-numbers | manual
  confirmed_by TEXT NOT NULL,
  confirmed_at TEXT NOT NULL,
  PRIMARY KEY (claim_id, other_id)
);
