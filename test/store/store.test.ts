import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { openDb, listMigrations } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { exportClaims, exportTurns, listEpisodes } from "../../src/store/exports.js";
import { decodeSource } from "../../src/core/source.js";
import { processSource } from "../../src/pipeline.js";
import { loadScorer } from "../../src/claims/scorer.js";

const SAMPLE = "transcripts/002_1142964fd8d0627e.txt";

async function record(path = SAMPLE, edit?: (s: string) => string) {
  const scorer = await loadScorer();
  let bytes: Uint8Array = readFileSync(path);
  if (edit) bytes = Buffer.from(edit(Buffer.from(bytes).toString("utf8")));
  return processSource(decodeSource(path, bytes), { scorer, dataset: { rows: [], sources: new Map() } }).record;
}

function counts(db: ReturnType<typeof openDb>) {
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { episodes: n("episodes"), turns: n("turns"), sentences: n("sentences"), claims: n("claims"), queue: n("queue_items") };
}

describe("store", () => {
  test("migrations apply in order and set user_version", () => {
    const db = openDb(":memory:");
    const versions = listMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(db.pragma("user_version", { simple: true })).toBe(versions[versions.length - 1]);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  test("writing the same episode twice changes nothing and keeps a verdict", async () => {
    const db = openDb(":memory:");
    const rec = await record();
    const first = writeEpisode(db, rec);
    expect(first.claimsAdded).toBeGreaterThan(0);
    const before = counts(db);
    expect(before.episodes).toBe(1);
    const target = rec.claims.find((c) => !c.from_teaser)!;
    db.prepare("UPDATE queue_items SET status = 'resolved', verdict = 'false', note = 'checked' WHERE claim_id = ?").run(target.id);

    const second = writeEpisode(db, await record());
    expect(second.claimsAdded).toBe(0);
    expect(second.claimsOrphaned).toBe(0);
    expect(counts(db)).toEqual(before);
    const item = db.prepare("SELECT status, verdict, note, orphaned FROM queue_items WHERE claim_id = ?").get(target.id);
    expect(item).toEqual({ status: "resolved", verdict: "false", note: "checked", orphaned: 0 });
  });

  test("an edited claim orphans its item with the old text; nothing is deleted", async () => {
    const db = openDb(":memory:");
    const rec = await record();
    writeEpisode(db, rec);
    const target = rec.claims.find((c) => !c.from_teaser && c.text.length > 30)!;
    const items = counts(db).queue;
    // Edit the claim's first word in the original text, at its stored offset.
    const edited = await record(SAMPLE, (s) => s.slice(0, target.start_offset) + "Reportedly, " + s.slice(target.start_offset));
    const w = writeEpisode(db, edited);
    expect(w.claimsOrphaned).toBeGreaterThanOrEqual(1);
    const item = db.prepare("SELECT orphaned, old_text FROM queue_items WHERE claim_id = ?").get(target.id) as { orphaned: number; old_text: string };
    expect(item.orphaned).toBe(1);
    expect(item.old_text).toBe(target.text);
    expect(counts(db).queue).toBeGreaterThanOrEqual(items);
    const log = db.prepare("SELECT action FROM audit_log WHERE claim_id = ? ORDER BY id").all(target.id) as { action: string }[];
    expect(log.map((l) => l.action)).toContain("orphan");
    expect(() => db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  test("exports follow the contract shapes", async () => {
    const db = openDb(":memory:");
    writeEpisode(db, await record());
    const [ep] = listEpisodes(db);
    expect(Object.keys(ep)).toEqual(expect.arrayContaining(["id", "source", "format", "turns", "claims"]));
    const turns = exportTurns(db, ep.id);
    expect(turns.map((t) => t.index)).toEqual(turns.map((_, i) => i));
    for (const k of ["index", "speaker", "role", "start_line", "end_line", "start_offset", "end_offset", "start_time", "end_time", "text"])
      expect(turns[0]).toHaveProperty(k);
    const claims = exportClaims(db, { episode: ep.id });
    expect(claims.length).toBe(ep.claims);
    for (const k of ["id", "episode", "speaker", "claimant", "line", "start_line", "end_line", "start_offset", "end_offset", "start_time", "text", "score", "topics", "quantities", "states", "links", "suggestion", "status", "verdict"])
      expect(claims[0]).toHaveProperty(k);
    expect(claims.every((c) => c.status === "open")).toBe(true);
  });
});
