import { describe, expect, test } from "vitest";
import { migrate, openDb, type DB } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { insertConfirmedMatch, recomputePriorities } from "../../src/store/queue.js";
import { makeRecord, type ClaimSpec } from "../queue/fixtures.js";

// writeEpisode computes a new item's priority before inserting it, from the claim in memory and the
// repeat counts it is about to join. Whatever path it takes, an ingest must leave every item either
// untouched or exactly as a full `recomputePriorities(db)` sets it, and must set the episode's items
// and the items sharing a hash whose count crossed a power of two.

type Row = { claim_id: string; episode_id: string; text_hash: string; orphaned: number; priority: number; priority_json: string };
const rows = (db: DB) =>
  new Map(
    (db.prepare("SELECT claim_id, episode_id, text_hash, orphaned, priority, priority_json FROM queue_items ORDER BY claim_id").all() as Row[]).map((r) => [r.claim_id, r]),
  );

/** What a full recompute would store, without keeping it. */
function fullRecompute(db: DB): Map<string, Row> {
  db.exec("SAVEPOINT full_recompute");
  try {
    recomputePriorities(db);
    return rows(db);
  } finally {
    db.exec("ROLLBACK TO full_recompute; RELEASE full_recompute");
  }
}

const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;

/** The repeat counts the triggers keep (migration 0007), and the same counted from the items. */
function hashCounts(db: DB) {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    kept: q("SELECT text_hash, n, eps FROM queue_hash_counts ORDER BY text_hash"),
    counted: q(`SELECT text_hash, count(*) AS n, count(DISTINCT episode_id) AS eps FROM queue_items
                WHERE orphaned = 0 AND text_hash IS NOT NULL GROUP BY text_hash ORDER BY text_hash`),
    keptPerEpisode: q("SELECT text_hash, episode_id, n FROM queue_hash_episodes ORDER BY text_hash, episode_id"),
    countedPerEpisode: q(`SELECT text_hash, episode_id, count(*) AS n FROM queue_items
                WHERE orphaned = 0 AND text_hash IS NOT NULL GROUP BY text_hash, episode_id ORDER BY text_hash, episode_id`),
  };
}
function expectCountsKept(db: DB): void {
  const c = hashCounts(db);
  expect(c.kept).toEqual(c.counted);
  expect(c.keptPerEpisode).toEqual(c.countedPerEpisode);
}

/** Ingest `rec` and check every item against the full recompute. */
function ingestAndCheck(db: DB, rec: ReturnType<typeof makeRecord>): void {
  const before = rows(db);
  writeEpisode(db, rec);
  expectCountsKept(db);
  const after = rows(db);
  const full = fullRecompute(db);
  const live = new Map<string, number>();
  for (const r of after.values()) if (!r.orphaned) live.set(r.text_hash, (live.get(r.text_hash) ?? 0) + 1);
  const hashesHere = new Set([...after.values()].filter((r) => r.episode_id === rec.episode.id).map((r) => r.text_hash));
  for (const [id, r] of after) {
    const want = full.get(id)!;
    const mustBeFresh =
      !r.orphaned && (r.episode_id === rec.episode.id || (hashesHere.has(r.text_hash) && (n => n > 1 && (pow2(n) || pow2(n + 1)))(live.get(r.text_hash) ?? 0)));
    if (mustBeFresh || !before.has(id)) expect({ id, priority: r.priority, json: r.priority_json }).toEqual({ id, priority: want.priority, json: want.priority_json });
    else if (r.priority !== want.priority || r.priority_json !== want.priority_json)
      expect({ id, priority: r.priority, json: r.priority_json }).toEqual({ id, priority: before.get(id)!.priority, json: before.get(id)!.priority_json });
  }
}

const POOL: ClaimSpec[] = [
  { text: "Taxes rose 5% in 2023.", score: 0.5, topics: ["taxes"] },
  { text: "Rents fell 2% in 2024.", score: 0.7, links: [{}] },
  { text: "California pays $1.20 for every dollar back.", score: 0.9, topics: ["balance-of-payments", "taxes", "taxes"], links: [{}, { state: "NY" }] },
  { text: "Wyoming has 580,000 people.", score: 0.3, topics: ["population"] },
  { text: "Tariffs cost families $1,300 a year.", score: 0.62, topics: ["tariffs", "economy"] },
  { text: "Unemployment is 4.1% in Texas.", score: 0.41 },
];

/** Episode `k`: a varying subset of the pool (so counts pass 2, 3, 4, 7, 8, 9), one claim said twice. */
function episode(k: number, opts: { drop?: number; extra?: number } = {}) {
  const specs = POOL.filter((_, i) => (k + i) % (i + 2) !== 0 && i !== opts.drop);
  specs.push(POOL[k % POOL.length]);
  if (opts.extra !== undefined) specs.push(POOL[opts.extra]);
  const day = new Date(Date.now() - k * 3 * 86_400_000).toISOString().slice(0, 10);
  return makeRecord(`ep${String(k).padStart(2, "0")}`, specs, { air_date: k % 4 === 3 ? null : day, hash: `h${k}-${opts.drop ?? ""}-${opts.extra ?? ""}` });
}

describe("queue priorities on ingest", () => {
  test("every ingest leaves an item untouched or as a full recompute sets it: repeats across episodes, re-ingest, confirmed matches", () => {
    const db = openDb(":memory:");
    for (let k = 0; k < 12; k++) ingestAndCheck(db, episode(k));
    // Re-ingest with a claim gone (its item is orphaned; its hash's count drops), then as it was (restored).
    ingestAndCheck(db, episode(3, { drop: 0 }));
    ingestAndCheck(db, episode(5, { drop: 2 }));
    ingestAndCheck(db, episode(3));
    // Re-ingest with a claim said once more: a new item joins a hash the episode already has.
    ingestAndCheck(db, episode(4, { extra: 4 }));
    // Confirmed matches between claims of different wording count as repeats of each other.
    const ids = [...rows(db).keys()];
    const a = ids.find((id) => id.startsWith("ep01:"))!;
    const b = ids.find((id) => id.startsWith("ep02:") && id.split(":")[1] !== a.split(":")[1])!;
    insertConfirmedMatch(db, a, b, "manual", "ana", new Date().toISOString());
    ingestAndCheck(db, episode(1));
    ingestAndCheck(db, episode(2, { drop: 1 }));
    // A match naming a claim that has no item yet (the unusual path: one item at a time, then
    // recomputePriorities for the episode).
    const next = episode(12);
    const fresh = next.claims[0].id;
    expect(ids).not.toContain(fresh);
    insertConfirmedMatch(db, a, fresh, "manual", "ana", new Date().toISOString());
    ingestAndCheck(db, next);
    for (let k = 13; k < 18; k++) ingestAndCheck(db, episode(k));
    // Sanity: the scenario really has repeats and matches.
    const json = [...rows(db).values()].map((r) => r.priority_json).join("\n");
    const most = Math.max(...[...json.matchAll(/said (\d+) times in \d+ episodes/g)].map((m) => Number(m[1])));
    expect(most).toBeGreaterThanOrEqual(9);
    expect(json).toMatch(/, highest of 2 topics/);
    expect([...rows(db).values()].some((r) => r.orphaned)).toBe(true);
  });

  test("migration 0007 fills the repeat counts from the items a database already has", () => {
    const db = openDb(":memory:");
    for (let k = 0; k < 10; k++) writeEpisode(db, episode(k));
    writeEpisode(db, episode(3, { drop: 0 })); // an orphaned item, whose hash must not count it
    const want = hashCounts(db).counted;
    expect(want.some((r) => (r as { eps: number }).eps > 1)).toBe(true);
    // Back to version 6 (no counts, no triggers), then migrate as an old database would.
    db.exec(`DROP TRIGGER queue_hash_add_insert; DROP TRIGGER queue_hash_add_update; DROP TRIGGER queue_hash_remove_update;
             DROP TABLE queue_hash_counts; DROP TABLE queue_hash_episodes; CREATE INDEX queue_items_hash ON queue_items(text_hash);`);
    db.pragma("user_version = 6");
    expect(migrate(db)).toEqual([7]);
    expect(hashCounts(db).kept).toEqual(want);
    expectCountsKept(db);
    // And the triggers keep them from there on.
    ingestAndCheck(db, episode(3));
    ingestAndCheck(db, episode(10));
  });
});
