import { beforeEach, describe, expect, test } from "vitest";
import { openDb, type DB } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import {
  WorkflowError,
  assignItem,
  itemHistory,
  listItems,
  matchItem,
  nextItem,
  publishItem,
  queueStats,
  releaseItem,
  reopenItem,
  resolveItem,
  resolveItemId,
  showItem,
  similarClaims,
  skipItem,
} from "../../src/queue/workflow.js";
import { buildDigest, parseSince, renderDigest } from "../../src/queue/digest.js";
import { exportQueue } from "../../src/queue/export-queue.js";
import { makeRecord } from "./fixtures.js";

// Hermetic topic weights: every topic weighs 1 here, whatever data/topics.json says.
process.env.CLAIMCAST_TOPICS = "/nonexistent/topics.json";

function refused(fn: () => unknown, kind: WorkflowError["kind"], message?: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowError);
    expect((e as WorkflowError).kind).toBe(kind);
    if (message) expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected a WorkflowError");
}

describe("queue workflow", () => {
  let db: DB;
  let id: Record<string, string>;
  beforeEach(() => {
    db = openDb(":memory:");
    writeEpisode(
      db,
      makeRecord("ep1", [
        { text: "New Jersey got back just $0.91 for every federal tax dollar in 2022.", score: 0.9, topics: ["taxes"], states: ["NJ"] },
        { text: "Mississippi received $2.53 for every dollar it sent.", score: 0.7, states: ["MS"] },
        { text: "The unemployment rate fell to 4% last year.", score: 0.5, topics: ["jobs"] },
        { text: "Crime will double by 2030.", score: 0.4, type: "prediction" },
      ]),
    );
    id = Object.fromEntries(listItems(db).map((i) => [i.text!.split(" ")[0], i.id]));
  });

  test("ids: full, hash prefix, hash:ordinal; unknown and ambiguous are clear", () => {
    const nj = id.New;
    const hash = nj.split(":")[1];
    expect(resolveItemId(db, nj)).toBe(nj);
    expect(resolveItemId(db, hash.slice(0, 5))).toBe(nj);
    expect(resolveItemId(db, `${hash.slice(0, 5)}:0`)).toBe(nj);
    expect(resolveItemId(db, "ep1:" + hash.slice(0, 3))).toBe(nj);
    refused(() => resolveItemId(db, "zzzz"), "not-found", /no queue item 'zzzz'/);
    refused(() => resolveItemId(db, "ep1"), "ambiguous", /matches 4 items/);
  });

  test("each change happens at one instant: the time it sets is its updated_at and its audit row's time", () => {
    // Before, resolve, assign and publish took a second clock reading for the time they set, so now and then (when
    // the clock ticked between the two) resolved_at was 1 ms before updated_at. Many cycles make that near certain.
    const item = id.New;
    const lastAudit = () => itemHistory(db, { id: item }).at(-1)!.at;
    for (let k = 0; k < 150; k++) {
      const a = assignItem(db, { id: item, to: "ana" }, "ed");
      expect(a.claimed_at).toBe(a.updated_at);
      expect(lastAudit()).toBe(a.updated_at);
      const r = resolveItem(db, { id: item, verdict: "false", note: `pass ${k}` }, "ana");
      expect(r.resolved_at).toBe(r.updated_at);
      expect(lastAudit()).toBe(r.updated_at);
      const p = publishItem(db, { id: item }, "ed");
      expect(p.published_at).toBe(p.updated_at);
      expect(lastAudit()).toBe(p.updated_at);
      reopenItem(db, { id: item, reason: `pass ${k}` }, "ed");
    }
  });

  test("next → resolve → publish → reopen, with who/when/why kept and audited", () => {
    const first = nextItem(db, {}, "ana")!;
    expect(first).toMatchObject({ id: id.New, status: "claimed", assignee: "ana" });
    const r = resolveItem(db, { id: first.id, verdict: "false", note: "It was 0.82", sources: ["https://example.org/t"] }, "ana");
    expect(r).toMatchObject({ status: "resolved", verdict: "false", note: "It was 0.82", resolved_by: "ana", sources: ["https://example.org/t"] });
    expect(r.resolved_at).toBe(r.updated_at);
    const changed = resolveItem(db, { id: first.id, verdict: "mostly-false", note: "Rounded", expectUpdatedAt: r.updated_at }, "ben");
    expect(changed).toMatchObject({ verdict: "mostly-false", resolved_by: "ben", first_verdict_at: r.first_verdict_at });
    refused(() => resolveItem(db, { id: first.id, verdict: "true", note: "x", expectUpdatedAt: r.updated_at }, "cy"), "conflict", /reload it/);
    const p = publishItem(db, { id: first.id }, "ed");
    expect(p).toMatchObject({ published: true, published_by: "ed" });
    refused(() => resolveItem(db, { id: first.id, verdict: "true", note: "x" }, "cy"), "conflict", /published/);
    refused(() => publishItem(db, { id: first.id }, "ed"), "conflict", /already published/);
    refused(() => reopenItem(db, { id: first.id, reason: " " }, "ed"), "invalid");
    const o = reopenItem(db, { id: first.id, reason: "new data" }, "ed");
    expect(o).toMatchObject({ status: "open", verdict: null, published: false, assignee: null });
    const h = itemHistory(db, { id: first.id });
    expect(h.map((x) => x.action)).toEqual(["create", "claim", "resolve", "resolve", "publish", "reopen"]);
    expect(h[5]).toMatchObject({ actor: "ed", reason: "new data", before: { verdict: "mostly-false", published: true }, after: { status: "open", verdict: null } });
    const stamps = h.slice(1).map((x) => (x.after as { updated_at: string }).updated_at);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length); // updated_at changes with every change
  });

  test("assign, release, skip rules", () => {
    const a = assignItem(db, { id: id.Mississippi, to: "ben" }, "ed");
    expect(a).toMatchObject({ status: "claimed", assignee: "ben" });
    expect(assignItem(db, { id: id.Mississippi, to: "cy" }, "ed").assignee).toBe("cy");
    expect(itemHistory(db, { id: id.Mississippi }).at(-1)?.reason).toBe("taken from ben");
    expect(releaseItem(db, { id: id.Mississippi }, "cy")).toMatchObject({ status: "open", assignee: null });
    refused(() => releaseItem(db, { id: id.Mississippi }, "cy"), "conflict", /not claimed/);
    refused(() => skipItem(db, { id: id.Crime, reason: "" }, "cy"), "invalid");
    expect(skipItem(db, { id: id.Crime, reason: "prediction" }, "cy")).toMatchObject({ status: "skipped", skip_reason: "prediction" });
    refused(() => resolveItem(db, { id: id.Crime, verdict: "false", note: "x" }, "cy"), "conflict", /skipped/);
    refused(() => assignItem(db, { id: id.Crime, to: "ana" }, "cy"), "conflict", /reopen/);
    refused(() => resolveItem(db, { id: id.The, verdict: "nope", note: "x" }, "cy"), "invalid", /unknown verdict/);
    refused(() => resolveItem(db, { id: id.The, verdict: "true", note: "" }, "cy"), "invalid", /note/);
    refused(() => resolveItem(db, { id: id.The, verdict: "true", note: "x", sources: ["ftp://x"] }, "cy"), "invalid", /http/);
    refused(() => nextItem(db, {}, " "), "invalid");
    expect(listItems(db, { status: "skipped" }).map((i) => i.id)).toEqual([id.Crime]);
    expect(listItems(db, { topic: "taxes" }).map((i) => i.id)).toEqual([id.New]);
    refused(() => listItems(db, { status: "done" as never }), "invalid");
  });

  test("next skips orphaned items and returns null when empty", () => {
    writeEpisode(db, makeRecord("ep1", [{ text: "New Jersey got back just $0.91 for every federal tax dollar in 2022.", score: 0.9, topics: ["taxes"], states: ["NJ"] }], { hash: "v2" }));
    expect(nextItem(db, {}, "a")?.id).toBe(id.New);
    expect(nextItem(db, {}, "a")).toBeNull();
    expect(listItems(db, { status: "orphaned" })).toHaveLength(3);
  });

  test("matching: the same claim in another episode shows the earlier verdict; applying it needs a confirmation", () => {
    resolveItem(db, { id: id.New, verdict: "false", note: "Treasury: 0.82" }, "ana");
    writeEpisode(
      db,
      makeRecord("ep2", [
        { text: "New Jersey got back just $0.91 for every federal tax dollar in 2022.", states: ["NJ"] },
        { text: "In 2022 the Garden State received 0.91 for each tax dollar it sent to Washington.", states: ["NJ"] },
        { text: "New Jersey got back just $0.95 for every federal tax dollar in 2022.", states: ["NJ"] },
      ], { title: "Second show" }),
    );
    const ep2 = Object.fromEntries(listItems(db, { episode: "ep2" }).map((i) => [i.text!.split(" ")[0] + i.text!.match(/0\.9\d/)![0], i.id]));
    const same = similarClaims(db, { id: ep2["New0.91"] });
    expect(same[0]).toMatchObject({ id: id.New, kind: "same-text", confirmed: false, verdict: "false" });
    expect(same[0].earlier).toMatch(/^resolved false on \d{4}-\d{2}-\d{2} in episode Episode ep1$/);
    const other = similarClaims(db, { id: ep2["In0.91"] }).map((s) => [s.id, s.kind]);
    expect(other).toContainEqual([id.New, "same-numbers"]);
    expect(similarClaims(db, { id: ep2["New0.95"] }).map((s) => s.id)).not.toContain(id.New);
    // Repeats raise the priority of both items.
    expect(showItem(db, { id: id.New }).priority.explanation).toMatch(/said 2 times in 2 episodes/);

    refused(() => matchItem(db, { id: ep2["In0.91"], apply: true }, "ben"), "invalid", /confirm/);
    const m = matchItem(db, { id: ep2["In0.91"], confirm: id.New, apply: true }, "ben");
    expect(m.applied).toMatchObject({ status: "resolved", verdict: "false", resolved_by: "ben" });
    expect(m.applied!.note).toMatch(/confirmed match/);
    expect(m.similar.find((s) => s.id === id.New)).toMatchObject({ confirmed: true });
    expect(itemHistory(db, { id: id.New }).map((h) => h.action)).toContain("match-confirm");
    expect(itemHistory(db, { id: ep2["In0.91"] }).map((h) => h.action)).toEqual(["create", "match-confirm", "resolve"]);
  });

  test("show: context, topics, priority parts, history", () => {
    const d = showItem(db, { id: id.Mississippi });
    expect(d.context.map((c) => c.current)).toEqual([false, false, true, false, false]);
    expect(d.claim).toMatchObject({ speaker: "Speaker B", start_line: 4 });
    expect(d.states).toEqual(["MS"]);
    expect(d.priority.parts.map((p) => p.name)).toContain("recency");
    expect(d.history.map((h) => h.action)).toEqual(["create"]);
  });

  test("stats, digest and exports", () => {
    nextItem(db, {}, "ana");
    resolveItem(db, { id: id.New, verdict: "false", note: "no" }, "ana");
    skipItem(db, { id: id.Crime, reason: "prediction" }, "ben");
    const s = queueStats(db);
    expect(s.by_status).toEqual({ open: 2, claimed: 0, resolved: 1, skipped: 1 });
    expect(s.by_checker.find((c) => c.name === "ana")).toMatchObject({ resolved: 1 });
    expect(s.to_final_verdict_hours.n).toBe(1);

    const d = buildDigest(db, { since: parseSince("24h")!, top: 10 });
    expect(d.total).toBe(3);
    expect(d.excluded_types).toContain("prediction");
    const all = buildDigest(db, { since: parseSince("1h")!, top: 10, allTypes: true });
    expect(all.groups.flatMap((g) => g.entries).map((e) => e.id)).not.toContain(id.Crime); // skipped items are left out
    expect(renderDigest(all)).toMatch(/## Taxes[\s\S]*\*\*false\*\*: no/);
    expect(parseSince("2d", new Date("2026-11-03T00:00:00Z"))?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseSince("soon")).toBeNull();

    const csv = exportQueue(db, { format: "csv" }).output.split("\r\n");
    expect(csv[0].split(",")).toContain("verdict");
    expect(csv).toHaveLength(6);
    const cr = exportQueue(db, { format: "claimreview", org: "Desk", baseUrl: "https://x.org" });
    expect(JSON.parse(cr.output)).toHaveLength(1);
    refused(() => exportQueue(db, { format: "claimreview", baseUrl: "https://x.org" }), "invalid", /--org/);
  });
});
