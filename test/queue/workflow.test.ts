import { beforeEach, describe, expect, test } from "vitest";
import { openDb, type DB } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import {
  WorkflowError,
  assignItem,
  checkListFilter,
  itemHistory,
  listItems,
  matchItem,
  nextItem,
  parseInstant,
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

  test("matching: a claim with another number, scale, unit or rank is not suggested, and its verdict is not offered", () => {
    // QA: "$2 billion" matched "$2 million", "Sixty percent" matched "Ten percent", "fifth largest" matched
    // "fourth largest", and the other claim's "resolved true" verdict was offered.
    writeEpisode(db, makeRecord("qa1", [
      { text: "Texas received $2 billion in federal disaster aid last year.", states: ["TX"] },
      { text: "Sixty percent of Texans support leaving the union.", states: ["TX"] },
      { text: "Texas is the fifth largest economy in the world.", states: ["TX"] },
    ]));
    writeEpisode(db, makeRecord("qa2", [
      { text: "Texas received $2 million in federal disaster aid last year.", states: ["TX"] },
      { text: "Ten percent of Texans support leaving the union.", states: ["TX"] },
      { text: "Texas is the fourth largest economy in the world.", states: ["TX"] },
    ]));
    const byWord = (ep: string) => Object.fromEntries(listItems(db, { episode: ep }).map((i) => [i.text!.split(" ").slice(0, 3).join(" "), i.id]));
    const a = byWord("qa1");
    const b = byWord("qa2");
    for (const k of Object.keys(b)) resolveItem(db, { id: b[k], verdict: "true", note: "checked" }, "ana");
    expect(Object.keys(a)).toHaveLength(3);
    for (const k of Object.keys(a)) {
      const sims = similarClaims(db, { id: a[k] });
      expect(sims.map((x) => x.id), k).toEqual([]);
      expect(sims.some((x) => x.earlier), k).toBe(false);
    }
  });

  test("--expect-updated-at is an instant: unparseable is invalid, the same instant in another form is not a conflict", () => {
    const r = resolveItem(db, { id: id.New, verdict: "false", note: "x" }, "ana");
    refused(() => publishItem(db, { id: id.New, expectUpdatedAt: "garbage" }, "ed"), "invalid", /not an ISO 8601 instant/);
    refused(() => publishItem(db, { id: id.New, expectUpdatedAt: "2026-02-31T00:00:00Z" }, "ed"), "invalid");
    refused(() => publishItem(db, { id: id.New, expectUpdatedAt: "2026-12-07" }, "ed"), "invalid");
    expect(getStatus()).toBe("resolved");
    // Another instant is still a conflict; one millisecond (or less) off too.
    refused(() => publishItem(db, { id: id.New, expectUpdatedAt: "2000-01-01T00:00:00Z" }, "ed"), "conflict", /reload it/);
    refused(() => publishItem(db, { id: id.New, expectUpdatedAt: r.updated_at.replace("Z", "1Z") }, "ed"), "conflict");
    const plus = r.updated_at.replace(/Z$/, "+00:00");
    expect(parseInstant(plus)?.ms).toBe(Date.parse(r.updated_at));
    expect(publishItem(db, { id: id.New, expectUpdatedAt: plus }, "ed")).toMatchObject({ published: true });
    const later = reopenItem(db, { id: id.New, reason: "again" }, "ed");
    // The same instant at another offset, and with a longer fraction, is the same version.
    const t = new Date(later.updated_at);
    const inOneHourAhead = new Date(t.getTime() + 3_600_000).toISOString().replace(/Z$/, "0000+01:00");
    expect(assignItem(db, { id: id.New, to: "ben", expectUpdatedAt: inOneHourAhead }, "ed")).toMatchObject({ assignee: "ben" });
    function getStatus() {
      return listItems(db).find((i) => i.id === id.New)!.status;
    }
  });

  test("applying the same verdict again is logged as unchanged, not as a change", () => {
    resolveItem(db, { id: id.New, verdict: "true", note: "first" }, "ana");
    resolveItem(db, { id: id.New, verdict: "true", note: "again" }, "ana");
    resolveItem(db, { id: id.New, verdict: "false", note: "changed" }, "ana");
    expect(itemHistory(db, { id: id.New }).slice(1).map((h) => h.reason)).toEqual([null, "verdict unchanged: true", "verdict changed from true"]);
    // Through a confirmed match, applied twice.
    writeEpisode(db, makeRecord("ep2", [{ text: "New Jersey got back just $0.91 for every federal tax dollar in 2022.", states: ["NJ"] }]));
    const other = listItems(db, { episode: "ep2" })[0].id;
    matchItem(db, { id: other, confirm: id.New, apply: true }, "ben");
    matchItem(db, { id: other, confirm: id.New, apply: true }, "ben");
    const h = itemHistory(db, { id: other }).filter((x) => x.action === "resolve");
    expect(h.map((x) => x.reason)).toEqual([null, "verdict unchanged: false"]);
  });

  test("filters: an unknown episode or topic is refused, a known one with no items is an empty list", () => {
    refused(() => checkListFilter(db, { episode: "bogus" }), "not-found", /no episode 'bogus'/);
    refused(() => checkListFilter(db, { topic: "bogus" }), "not-found", /unknown topic 'bogus' \(known: jobs, taxes\)/);
    expect(() => checkListFilter(db, { episode: "ep1", topic: "jobs" })).not.toThrow();
    expect(() => checkListFilter(db, {})).not.toThrow();
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
    // A note's or a transcript's HTML is shown as text in the Markdown, not run by a viewer.
    resolveItem(db, { id: id.New, verdict: "false", note: "see <script>alert(1)</script>" }, "ana");
    const md = renderDigest(buildDigest(db, { since: parseSince("1h")!, top: 10, allTypes: true }));
    expect(md).toContain("**false**: see &lt;script>alert(1)&lt;/script>");
    expect(md).not.toMatch(/<script/);
    expect(parseSince("2d", new Date("2026-11-03T00:00:00Z"))?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseSince("soon")).toBeNull();

    const csv = exportQueue(db, { format: "csv" }).output.split("\r\n");
    expect(csv[0].split(",")).toContain("verdict");
    expect(csv).toHaveLength(6);
    // ClaimReview is for published reviews: a verdict resolved but not published is left out by default.
    const draft = exportQueue(db, { format: "claimreview", org: "Desk", baseUrl: "https://x.org" });
    expect(JSON.parse(draft.output)).toEqual([]);
    expect(draft.warnings).toEqual(["no published verdicts to export (1 resolved but not published)"]);
    const asked = exportQueue(db, { format: "claimreview", status: "resolved", org: "Desk", baseUrl: "https://x.org" });
    expect(JSON.parse(asked.output)).toEqual([]);
    expect(asked.warnings[0]).toMatch(/skipped .*datePublished \(the verdict is not published\)/);
    const p = publishItem(db, { id: id.New }, "ed");
    const cr = exportQueue(db, { format: "claimreview", org: "Desk", baseUrl: "https://x.org" });
    expect(JSON.parse(cr.output)).toHaveLength(1);
    expect(JSON.parse(cr.output)[0].datePublished).toBe(p.published_at!.slice(0, 10));
    expect(listItems(db, { status: "published" }).map((i) => i.id)).toEqual([id.New]);
    expect(JSON.parse(exportQueue(db, { format: "json", status: "published" }).output)).toHaveLength(1);
    refused(() => exportQueue(db, { format: "claimreview", baseUrl: "https://x.org" }), "invalid", /--org/);
  });
});
