import { describe, expect, test } from "vitest";
import { openDb } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { sentenceRow, type EpisodeRecord } from "../../src/store/records.js";
import { makeRecord, manyClaims } from "../queue/fixtures.js";

// writeEpisode inserts turns and sentences several rows per statement: every row must land as
// written whatever the count (none, fewer than a batch, exactly a batch, a batch and a tail).

const TURN_COLUMNS = "idx, speaker, role, confidence, evidence_json, is_teaser, start_offset, end_offset, start_line, end_line, start_time, end_time, text";
const SENTENCE_COLUMNS = "idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time, text, coalesce(normal, text) AS normal, claimant, score";

function expectStored(db: ReturnType<typeof openDb>, rec: EpisodeRecord) {
  const id = rec.episode.id;
  expect(db.prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE episode_id = ? ORDER BY idx`).all(id)).toEqual(
    rec.turns.map((t) => ({
      idx: t.idx,
      speaker: t.speaker,
      role: t.role,
      confidence: t.confidence,
      evidence_json: JSON.stringify(t.evidence),
      is_teaser: t.is_teaser ? 1 : 0,
      start_offset: t.start_offset,
      end_offset: t.end_offset,
      start_line: t.start_line,
      end_line: t.end_line,
      start_time: t.start_time,
      end_time: t.end_time,
      text: t.text,
    })),
  );
  expect(db.prepare(`SELECT ${SENTENCE_COLUMNS} FROM sentences WHERE episode_id = ? ORDER BY idx`).all(id)).toEqual(
    Array.from({ length: rec.sentences.count }, (_, i) => sentenceRow(rec.sentences, i)),
  );
}

describe("writeEpisode rows", () => {
  test.each([0, 1, 16, 17, 33])("%i turns, twice as many sentences, stored exactly", (n) => {
    const db = openDb(":memory:");
    const rec = makeRecord(`ep${n}`, manyClaims(n));
    // Some rows with a normalised text, a claimant and times, some without.
    for (let i = 0; i < rec.sentences.count; i += 3) {
      rec.sentences.normal[i] = rec.sentences.text[i].toLowerCase();
      rec.sentences.claimant[i] = "Pat";
      rec.sentences.end_time[i] = i + 0.5;
    }
    writeEpisode(db, rec);
    expect(rec.turns.length).toBe(n);
    expect(rec.sentences.count).toBe(2 * n);
    expectStored(db, rec);
    // Again, shorter: the re-ingest replaces every row.
    const shorter = makeRecord(`ep${n}`, manyClaims(Math.max(0, n - 1)));
    writeEpisode(db, shorter);
    expectStored(db, shorter);
  });
});
