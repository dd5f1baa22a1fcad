import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { openDb } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { decodeSource } from "../../src/core/source.js";
import { processSource } from "../../src/pipeline.js";
import { loadScorer } from "../../src/claims/scorer.js";
import { getQueueItem, listQueueItems, recomputePriorities } from "../../src/store/queue.js";
import { assignItem, itemHistory, publishItem, resolveItem, similarClaims, skipItem } from "../../src/queue/workflow.js";
import { makeRecord } from "../queue/fixtures.js";

// Hermetic topic weights: every topic weighs 1 here, whatever data/topics.json says.
process.env.CLAIMCAST_TOPICS = "/nonexistent/topics.json";

const SAMPLE = "transcripts/002_1142964fd8d0627e.txt";

async function record(edit?: (s: string) => string) {
  const scorer = await loadScorer();
  let text = readFileSync(SAMPLE, "utf8");
  if (edit) text = edit(text);
  return processSource(decodeSource(SAMPLE, Buffer.from(text)), { scorer, dataset: { rows: [], sources: new Map() } }).record;
}

type Snap = { claim_id: string; status: string; verdict: string | null; note: string | null; assignee: string | null; sources_json: string; resolved_by: string | null; published: number; orphaned: number };
const snap = (db: ReturnType<typeof openDb>) =>
  db.prepare("SELECT claim_id, status, verdict, note, assignee, sources_json, resolved_by, published, orphaned FROM queue_items ORDER BY claim_id").all() as Snap[];

describe("queue store: nothing lost on re-ingest", () => {
  test("verdicts survive an unchanged re-ingest and an edit; the edited claim is orphaned with its history", async () => {
    const db = openDb(":memory:");
    const rec = await record();
    writeEpisode(db, rec);
    const live = rec.claims.filter((c) => !c.from_teaser);
    expect(live.length).toBeGreaterThanOrEqual(4);
    // The edited claim: a long one whose text occurs once, so the edit touches only it.
    const src = readFileSync(SAMPLE, "utf8");
    const target = live.find((c) => c.text.length > 40 && src.split(c.text).length === 2)!;
    const others = live.filter((c) => c.id !== target.id).slice(0, 3);
    resolveItem(db, { id: target.id, verdict: "mostly-false", note: "target note", sources: ["https://example.org/a"] }, "ana");
    resolveItem(db, { id: others[0].id, verdict: "false", note: "checked", sources: ["https://example.org/b"] }, "ben");
    publishItem(db, { id: others[0].id }, "ed");
    assignItem(db, { id: others[1].id, to: "cy" }, "ed");
    skipItem(db, { id: others[2].id, reason: "opinion" }, "ana");
    const before = snap(db);
    const auditBefore = (db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;

    // 1. Unchanged: everything identical, nothing audited.
    const again = writeEpisode(db, await record());
    expect(again).toMatchObject({ claimsAdded: 0, claimsOrphaned: 0 });
    expect(snap(db)).toEqual(before);
    expect((db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n).toBe(auditBefore);

    // 2. One sentence edited: that item is orphaned but keeps its verdict; the others are untouched.
    const edited = await record((s) => s.replace(target.text, "Reportedly, " + target.text));
    const w = writeEpisode(db, edited);
    expect(w.claimsOrphaned).toBeGreaterThanOrEqual(1);
    const t = getQueueItem(db, target.id)!;
    expect(t).toMatchObject({ orphaned: 1, old_text: target.text, status: "resolved", verdict: "mostly-false", note: "target note", resolved_by: "ana" });
    for (const o of others) expect(snap(db).find((r) => r.claim_id === o.id)).toEqual(before.find((r) => r.claim_id === o.id));
    expect(snap(db).length).toBeGreaterThanOrEqual(before.length);
    expect(itemHistory(db, { id: target.id }).map((h) => h.action)).toEqual(["create", "resolve", "orphan"]);
    // The orphan entry keeps the fact-checker's state on both sides and the old wording.
    expect(itemHistory(db, { id: target.id }).at(-1)).toMatchObject({
      actor: "ingest",
      before: { orphaned: 0, text: target.text, status: "resolved", verdict: "mostly-false", assignee: "ana" },
      after: { orphaned: 1, old_text: target.text, status: "resolved", verdict: "mostly-false", assignee: "ana" },
      reason: "claim text changed or vanished on re-ingest",
    });
    expect(listQueueItems(db, { status: "orphaned" }).map((r) => r.claim_id)).toContain(target.id);
    // The edited wording is a new item that points at the orphaned one and its verdict.
    const reworded = edited.claims.find((c) => c.text.includes(target.text.slice(0, 30)) && c.id !== target.id);
    if (reworded) {
      const similar = similarClaims(db, { id: reworded.id });
      expect(similar.find((x) => x.id === target.id)).toMatchObject({ orphaned: true, verdict: "mostly-false", confirmed: false });
    }
    expect(listQueueItems(db, { status: "resolved" }).map((r) => r.claim_id)).not.toContain(target.id);

    // 3. The edit undone: the item is restored with its verdict.
    writeEpisode(db, await record());
    expect(getQueueItem(db, target.id)).toMatchObject({ orphaned: 0, status: "resolved", verdict: "mostly-false" });
    expect(itemHistory(db, { id: target.id }).map((h) => h.action)).toEqual(["create", "resolve", "orphan", "restore"]);
  });

  test("queue items and audit rows cannot be deleted; statuses and verdicts are checked", () => {
    const db = openDb(":memory:");
    writeEpisode(db, makeRecord("ep1", [{ text: "Taxes rose 5% in 2023." }]));
    expect(() => db.prepare("DELETE FROM queue_items").run()).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE queue_items SET status = 'done'").run()).toThrow(/invalid queue status/);
    expect(() => db.prepare("UPDATE queue_items SET verdict = 'pants-on-fire'").run()).toThrow(/invalid verdict/);
  });

  test("a claim that vanishes and a teaser repeat: orphaned, never deleted; teasers get no item", () => {
    const db = openDb(":memory:");
    writeEpisode(db, makeRecord("ep1", [{ text: "Taxes rose 5% in 2023." }, { text: "Rents fell 2% in 2024." }, { text: "Taxes rose 5% in 2023.", teaser: true }]));
    expect(listQueueItems(db)).toHaveLength(2);
    const gone = listQueueItems(db).find((r) => r.text?.startsWith("Rents"))!;
    writeEpisode(db, makeRecord("ep1", [{ text: "Taxes rose 5% in 2023." }], { hash: "v2" }));
    expect(getQueueItem(db, gone.claim_id)).toMatchObject({ orphaned: 1, old_text: "Rents fell 2% in 2024.", status: "open" });
    expect(listQueueItems(db)).toHaveLength(2);
    expect(listQueueItems(db, { status: "open" })).toHaveLength(1);
  });

  test("priorities are recomputed on ingest: repeats across episodes, topic weights, links, recency", () => {
    const db = openDb(":memory:");
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    writeEpisode(db, makeRecord("ep1", [{ text: "Taxes rose 5% in 2023.", score: 0.5 }, { text: "Rents fell 2% in 2024.", score: 0.5, links: [{}] }], { air_date: today }));
    const first = getQueueItem(db, listQueueItems(db).find((r) => r.text?.startsWith("Taxes"))!.claim_id)!;
    const linked = listQueueItems(db).find((r) => r.text?.startsWith("Rents"))!;
    expect(linked.priority).toBeGreaterThan(first.priority);
    writeEpisode(db, makeRecord("ep2", [{ text: "Taxes rose 5% in 2023.", score: 0.5 }], { air_date: today }));
    const repeated = getQueueItem(db, first.claim_id)!;
    expect(repeated.priority).toBeGreaterThan(first.priority);
    expect(JSON.parse(repeated.priority_json).find((p: { name: string }) => p.name === "repeated").detail).toMatch(/said 2 times in 2 episodes/);
    writeEpisode(db, makeRecord("ep3", [{ text: "The sales tax is 7% here.", score: 0.5, topics: ["taxes"] }], { air_date: today }));
    const taxed = listQueueItems(db, { topic: "taxes" })[0].claim_id;
    recomputePriorities(db, { weights: new Map([["taxes", 1]]), now });
    const base = getQueueItem(db, taxed)!.priority;
    expect(recomputePriorities(db, { weights: new Map([["taxes", 3]]), now })).toBeGreaterThanOrEqual(1);
    expect(getQueueItem(db, taxed)!.priority).toBeCloseTo(base * 3, 1);
  });
});

describe("migration 0002 on a version-1 database", () => {
  test("existing items get seq, text hash and an FTS row; verdicts stay", async () => {
    const { default: Database } = await import("better-sqlite3");
    const { listMigrations } = await import("../../src/store/open.js");
    const { mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "claimcast-")), "v1.db");
    const raw = new Database(file);
    raw.exec(listMigrations()[0].sql);
    raw.pragma("user_version = 1");
    raw.exec(`INSERT INTO episodes (id, source_path, content_hash, format, ingested_at, updated_at) VALUES ('ep', 'p', 'h', 'f', 't', 't');
      INSERT INTO claims (id, episode_id, text_hash, sentence_idx, turn_idx, speaker, claimant, role, text, normal, score, type, start_offset, end_offset, start_line, end_line)
        VALUES ('ep:abc123:0', 'ep', 'abc123', 0, 0, 'A', 'A', 'guest', 'Taxes rose 5% in 2023.', 'Taxes rose 5% in 2023.', 0.9, 'quantity', 0, 10, 1, 1);
      INSERT INTO queue_items (claim_id, episode_id, status, verdict, note, created_at, updated_at) VALUES ('ep:abc123:0', 'ep', 'resolved', 'false', 'kept', 't', 't');`);
    raw.close();
    const db = openDb(file);
    expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(2);
    expect(getQueueItem(db, "ep:abc123:0")).toMatchObject({ seq: 1, text_hash: "abc123", status: "resolved", verdict: "false", note: "kept" });
    expect(db.prepare("SELECT rowid FROM queue_fts WHERE queue_fts MATCH 'taxes'").all()).toEqual([{ rowid: 1 }]);
    db.close();
  });
});
