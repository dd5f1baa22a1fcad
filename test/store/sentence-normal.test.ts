import { afterEach, describe, expect, test } from "vitest";
import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listMigrations, openDb, type DB } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { exportClaims, exportTurns } from "../../src/store/exports.js";
import { claimDetailRows } from "../../src/store/queue.js";
import { decodeSource } from "../../src/core/source.js";
import { processSource } from "../../src/pipeline.js";
import { loadScorer } from "../../src/claims/scorer.js";
import type { EpisodeRecord } from "../../src/store/records.js";

// Migration 0006: `sentences.normal` is NULL where it equals `text`.

const SAMPLE = "transcripts/002_1142964fd8d0627e.txt";

async function record(): Promise<EpisodeRecord> {
  const scorer = await loadScorer();
  return processSource(decodeSource(SAMPLE, readFileSync(SAMPLE)), { scorer, dataset: { rows: [], sources: new Map() } }).record;
}

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "claimcast-0006-"));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every schema object but the automatic ones, as (type, name, table, sql). */
function schema(db: Database.Database) {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
}

type SentenceDump = { episode_id: string; idx: number; normal: string | null; text: string } & Record<string, unknown>;
const dumpSentences = (db: Database.Database) => db.prepare("SELECT * FROM sentences ORDER BY episode_id, idx").all() as SentenceDump[];

/**
 * A database at schema version 5 holding what the code before 0006 wrote: the record is stored by
 * the current code into a scratch database, and every row is copied over with `normal` filled in
 * (`coalesce(normal, text)`, exactly what the old writer stored), verdicts and audit rows included.
 */
function databaseAtVersion5(file: string, source: DB): void {
  const old = new Database(file);
  for (const m of listMigrations().filter((m) => m.version <= 5))
    old.transaction(() => {
      old.exec(m.sql);
      old.pragma(`user_version = ${m.version}`);
    })();
  old.pragma("foreign_keys = OFF");
  old.prepare("ATTACH DATABASE ? AS cur").run(source.name);
  const tables = (old.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'queue_fts%'").all() as { name: string }[]).map((r) => r.name);
  old.transaction(() => {
    for (const t of tables) {
      const cols = (old.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).all(t) as { name: string }[]).map((c) => c.name);
      const select = cols.map((c) => (t === "sentences" && c === "normal" ? "coalesce(normal, text)" : c)).join(", ");
      old.exec(`INSERT INTO main.${t} (${cols.join(", ")}) SELECT ${select} FROM cur.${t}`);
    }
    old.exec("INSERT INTO main.queue_fts (rowid, text) SELECT rowid, text FROM cur.queue_fts");
  })();
  old.exec("DETACH DATABASE cur");
  old.close();
}

describe("sentences.normal (migration 0006)", () => {
  test("new writes store NULL where normal equals text, the normalised text elsewhere", async () => {
    const db = openDb(":memory:");
    const rec = await record();
    writeEpisode(db, rec);
    const rows = dumpSentences(db);
    expect(rows.length).toBe(rec.sentences.count);
    const differing = rows.filter((r) => r.normal !== null);
    // The sample has stutters ("I, I think"): both kinds of row occur.
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThan(rows.length);
    rows.forEach((r, i) => {
      expect(r.idx).toBe(i);
      expect(r.text).toBe(rec.sentences.text[i]);
      expect(r.normal).toBe(rec.sentences.normal[i]);
      if (r.normal !== null) expect(r.normal).not.toBe(r.text);
    });
    // A normal equal to the text in a hand-built record is stored as NULL too.
    const same = { ...rec.sentences, normal: rec.sentences.text.slice() };
    writeEpisode(db, { ...rec, sentences: same });
    expect(dumpSentences(db).every((r) => r.normal === null)).toBe(true);
  });

  test("a version-5 database with rows migrates: rows, schema and queue state survive, re-ingest keeps verdicts", async () => {
    const rec = await record();
    const scratchFile = tempFile("scratch.db");
    const scratch = openDb(scratchFile);
    writeEpisode(scratch, rec);
    const target = rec.claims.find((c) => !c.from_teaser)!;
    scratch.prepare("UPDATE queue_items SET status = 'resolved', verdict = 'false', note = 'checked', resolved_by = 'ana' WHERE claim_id = ?").run(target.id);
    scratch.close();

    const file = tempFile("v5.db");
    databaseAtVersion5(file, new Database(scratchFile, { readonly: true }));

    // What version 5 holds, before the migration.
    const v5 = new Database(file, { readonly: true });
    expect(v5.pragma("user_version", { simple: true })).toBe(5);
    const sentencesBefore = dumpSentences(v5);
    expect(sentencesBefore.length).toBe(rec.sentences.count);
    expect(sentencesBefore.every((r) => r.normal !== null)).toBe(true);
    const schemaBefore = schema(v5);
    const columnsBefore = v5.prepare("SELECT * FROM pragma_table_xinfo('sentences')").all() as { name: string; notnull: number }[];
    const indexesBefore = v5.prepare("SELECT * FROM pragma_index_list('sentences')").all();
    const otherTables = (v5.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sentences' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    const dumpTable = (db: Database.Database, t: string) => {
      const n = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(t) as { n: number }).n;
      return db.prepare(`SELECT * FROM "${t}" ORDER BY ${Array.from({ length: n }, (_, i) => i + 1).join(", ")}`).all();
    };
    const dumpOthers = (db: Database.Database) => Object.fromEntries(otherTables.map((t) => [t, dumpTable(db, t)]));
    const othersBefore = dumpOthers(v5);
    v5.close();

    const db = openDb(file);
    expect(db.pragma("user_version", { simple: true })).toBe(listMigrations().at(-1)!.version);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);

    // Same rows; normal is NULL exactly where it was a copy of text, and reads back as before.
    const sentencesAfter = dumpSentences(db);
    expect(sentencesAfter.map((r) => ({ ...r, normal: r.normal ?? r.text }))).toEqual(sentencesBefore);
    sentencesAfter.forEach((r, i) => expect(r.normal).toBe(sentencesBefore[i].normal === r.text ? null : sentencesBefore[i].normal));
    expect(sentencesAfter.some((r) => r.normal !== null)).toBe(true);
    const coalesced = db.prepare("SELECT coalesce(normal, text) AS n FROM sentences ORDER BY episode_id, idx").all() as { n: string }[];
    expect(coalesced.map((r) => r.n)).toEqual(sentencesBefore.map((r) => r.normal));

    // Same columns in the same order with the same types and defaults; only normal lost NOT NULL.
    const columnsAfter = db.prepare("SELECT * FROM pragma_table_xinfo('sentences')").all() as { name: string; notnull: number }[];
    expect(columnsAfter).toEqual(columnsBefore.map((c) => (c.name === "normal" ? { ...c, notnull: 0 } : c)));
    expect(db.prepare("SELECT * FROM pragma_index_list('sentences')").all()).toEqual(indexesBefore);
    expect(db.prepare("SELECT * FROM pragma_foreign_key_list('sentences')").all()).toEqual([
      expect.objectContaining({ table: "episodes", from: "episode_id", to: "id", on_delete: "CASCADE" }),
    ]);
    // Every other table, index, trigger and view is untouched, and so is every other row (but for what
    // migration 0007 adds and drops: the repeat counts, their triggers, and the index they replace).
    const by0007 = (name: string) => name.startsWith("queue_hash_") || name === "queue_items_hash";
    const withoutSentences = (s: ReturnType<typeof schema>) => s.filter((o) => o.tbl_name !== "sentences" && !by0007(o.name));
    expect(withoutSentences(schema(db))).toEqual(withoutSentences(schemaBefore));
    expect(schema(db).filter((o) => o.tbl_name === "sentences").map((o) => [o.type, o.name])).toEqual([["table", "sentences"]]);
    expect(dumpOthers(db)).toEqual(othersBefore);

    // The claim page reads the migrated sentences as its context.
    const detail = claimDetailRows(db, target.id, rec.episode.id);
    expect(detail.context.length).toBeGreaterThan(0);
    expect(detail.context.map((c) => c.text)).toEqual(detail.context.map((c) => rec.sentences.text[c.idx]));
    const claimsBefore = exportClaims(db, { episode: rec.episode.id });
    const turnsBefore = exportTurns(db, rec.episode.id);

    // Re-ingesting the same episode keeps the verdict and changes no exported value.
    const w = writeEpisode(db, rec);
    expect(w).toMatchObject({ claimsAdded: 0, claimsOrphaned: 0 });
    expect(db.prepare("SELECT status, verdict, note, resolved_by, orphaned FROM queue_items WHERE claim_id = ?").get(target.id)).toEqual({
      status: "resolved",
      verdict: "false",
      note: "checked",
      resolved_by: "ana",
      orphaned: 0,
    });
    expect(exportClaims(db, { episode: rec.episode.id })).toEqual(claimsBefore);
    expect(exportTurns(db, rec.episode.id)).toEqual(turnsBefore);
    expect(dumpSentences(db)).toEqual(sentencesAfter);
    db.close();

    // Opening again applies nothing more.
    const again = openDb(file);
    expect(dumpSentences(again)).toEqual(sentencesAfter);
    again.close();
  });
});
