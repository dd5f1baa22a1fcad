import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { migrate, openDb } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { dropDerivableText, restoreDerivableText, sentenceRow, type EpisodeRecord } from "../../src/store/records.js";
import { claimDetailRows } from "../../src/store/queue.js";
import { decodeSource } from "../../src/core/source.js";
import { processSource } from "../../src/pipeline.js";
import { loadScorer } from "../../src/claims/scorer.js";
import { makeRecord } from "../queue/fixtures.js";

// Migration 0007: a sentence's text is stored as its place in its turn's text (`sentence_rows`),
// and `sentences` is a view that cuts it out again.

const SAMPLES = ["transcripts/002_1142964fd8d0627e.txt", "transcripts/000_3a126643cd20d101.txt"];

async function record(path: string): Promise<EpisodeRecord> {
  const scorer = await loadScorer();
  return processSource(decodeSource(path, readFileSync(path)), { scorer, dataset: { rows: [], sources: new Map() } }).record;
}

const SENTENCE_COLUMNS = "idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time, text, coalesce(normal, text) AS normal, claimant, score";
const viewRows = (db: Database.Database, id: string) => db.prepare(`SELECT ${SENTENCE_COLUMNS} FROM sentences WHERE episode_id = ? ORDER BY idx`).all(id);
const expected = (rec: EpisodeRecord) => Array.from({ length: rec.sentences.count }, (_, i) => sentenceRow(rec.sentences, i));

describe("sentence texts stored once, in their turns (migration 0007)", () => {
  test.each(SAMPLES)("%s: every sentence row is offsets only, and the view gives back every text", async (path) => {
    const rec = await record(path);
    const db = openDb(":memory:");
    writeEpisode(db, rec);
    const stored = db.prepare("SELECT text, text_start, text_end FROM sentence_rows WHERE episode_id = ? ORDER BY idx").all(rec.episode.id) as { text: string | null; text_start: number | null }[];
    expect(stored.length).toBe(rec.sentences.count);
    expect(stored.every((r) => r.text === null && r.text_start !== null)).toBe(true);
    expect(viewRows(db, rec.episode.id)).toEqual(expected(rec));
    // The claim page's context is cut from the turns too.
    const claim = rec.claims.find((c) => !c.from_teaser)!;
    const context = claimDetailRows(db, claim.id, rec.episode.id).context;
    expect(context.length).toBeGreaterThan(1);
    expect(context.map((c) => c.text)).toEqual(context.map((c) => rec.sentences.text[c.idx]));
  });

  test("the turn's text in UTF-16 and SQLite's characters: offsets after emoji and accents still cut the right text", () => {
    const rec = makeRecord("emoji", [{ text: "Texas got $1.20." }, { text: "Ohio got $1.01." }]);
    // Put non-BMP characters (two UTF-16 units, one SQLite character) and accents before and inside sentences.
    const turn = rec.turns[0];
    const prefix = "😀 Señor 🇺🇸 said: ";
    const S = rec.sentences;
    for (let i = 0; i < S.count; i++) {
      if (S.turn_idx[i] !== turn.idx) continue;
      S.text[i] = `${S.text[i]} 🎙️`;
    }
    const mine = Array.from({ length: S.count }, (_, i) => i).filter((i) => S.turn_idx[i] === turn.idx);
    turn.text = prefix + mine.map((i) => S.text[i]).join(" ");
    let at = prefix.length;
    for (const i of mine) {
      S.text_start[i] = at;
      S.text_end[i] = at + S.text[i].length;
      at = S.text_end[i] + 1;
    }
    const db = openDb(":memory:");
    writeEpisode(db, rec);
    const rows = db.prepare("SELECT idx, text, text_start FROM sentence_rows WHERE episode_id = 'emoji' ORDER BY idx").all() as { idx: number; text: string | null; text_start: number | null }[];
    for (const i of mine) expect(rows[i]).toMatchObject({ text: null, text_start: [...prefix].length + (i === mine[0] ? 0 : [...S.text[mine[0]]].length + 1) });
    expect(viewRows(db, "emoji")).toEqual(expected(rec));
  });

  test("a sentence its turn does not hold at its offsets keeps its own text", () => {
    const rec = makeRecord("stray", [{ text: "Utah got $0.80." }]);
    const S = rec.sentences;
    // Hand-built: no offsets at all (-1), and one row with offsets that point at the wrong words.
    expect(Array.from(S.text_start).every((x) => x === -1)).toBe(true);
    S.text_start[0] = 0;
    S.text_end[0] = 3;
    const db = openDb(":memory:");
    writeEpisode(db, rec);
    const rows = db.prepare("SELECT text, text_start FROM sentence_rows WHERE episode_id = 'stray' ORDER BY idx").all() as { text: string | null; text_start: number | null }[];
    expect(rows.every((r) => r.text !== null && r.text_start === null)).toBe(true);
    expect(viewRows(db, "stray")).toEqual(expected(rec));
  });

  test("a record crosses threads without its derivable sentence texts and comes back whole", async () => {
    const rec = await record(SAMPLES[0]);
    const texts = rec.sentences.text.slice();
    // One sentence whose offsets do not hold: it must travel with its text.
    rec.sentences.text[3] = "A sentence nobody said.";
    texts[3] = rec.sentences.text[3];
    const copy: EpisodeRecord = structuredClone(rec);
    expect(dropDerivableText(copy)).toBe(rec.sentences.count - 1);
    expect(copy.sentences.text.filter((t) => t !== "").length).toBe(1);
    expect(copy.sentences.text_start[3]).toBe(-1);
    const sent = structuredClone(copy);
    restoreDerivableText(sent);
    expect(sent.sentences.text).toEqual(texts);
  });

  test("a version-6 database: rows keep their own text, the view reads as the table did, a re-ingest stores offsets", async () => {
    const rec = await record(SAMPLES[1]);
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    migrate(db, 6);
    // What the code before 0007 wrote, by hand: the text in every row.
    db.prepare("INSERT INTO episodes (id, source_path, content_hash, format, ingested_at, updated_at) VALUES (?, 'x', 'h', 'plain', 'now', 'now')").run(rec.episode.id);
    const insTurn = db.prepare("INSERT INTO turns (episode_id, idx, speaker, role, confidence, start_offset, end_offset, start_line, end_line, text) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)");
    for (const t of rec.turns) insTurn.run(rec.episode.id, t.idx, t.speaker, t.role, t.start_offset, t.end_offset, t.start_line, t.end_line, t.text);
    const insSentence = db.prepare(
      "INSERT INTO sentences (episode_id, idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time, text, normal, claimant, score) VALUES (@episode_id, @idx, @turn_idx, @start_offset, @end_offset, @start_line, @end_line, @start_time, @end_time, @text, @normal, @claimant, @score)",
    );
    const rows = expected(rec);
    for (const r of rows) insSentence.run({ ...r, episode_id: rec.episode.id, normal: r.normal === r.text ? null : r.normal });
    const before = viewRows(db, rec.episode.id);

    expect(migrate(db, 7)).toEqual([7]);
    expect((db.prepare("SELECT type FROM sqlite_master WHERE name = 'sentences'").get() as { type: string }).type).toBe("view");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(viewRows(db, rec.episode.id)).toEqual(before);
    expect((db.prepare("SELECT count(*) AS n FROM sentence_rows WHERE text IS NULL").get() as { n: number }).n).toBe(0);

    // Re-ingesting writes the rows the new way; they read the same.
    writeEpisode(db, rec);
    expect(viewRows(db, rec.episode.id)).toEqual(before);
    expect((db.prepare("SELECT count(*) AS n FROM sentence_rows WHERE text IS NOT NULL").get() as { n: number }).n).toBe(0);

    // Deleting the episode still takes its sentences with it.
    db.prepare("DELETE FROM episodes WHERE id = ?").run(rec.episode.id);
    expect((db.prepare("SELECT count(*) AS n FROM sentence_rows").get() as { n: number }).n).toBe(0);
    db.close();
  });
});
