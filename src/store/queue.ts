import { stmt, type DB } from "./open.js";
import type { EpisodeRecord } from "./records.js";
import type { WriteResult } from "./episodes.js";
import { computePriority } from "../queue/priority.js";
import { loadTopicWeights } from "../queue/topic-weights.js";

/** Workflow status of a queue item (orphaned is a separate flag: an orphaned item keeps its status). */
export type QueueStatus = "open" | "claimed" | "resolved" | "skipped";

/** A `queue_items` row as stored. */
export interface QueueItemRow {
  claim_id: string;
  episode_id: string;
  status: QueueStatus;
  orphaned: number;
  old_text: string | null;
  priority: number;
  assignee: string | null;
  verdict: string | null;
  note: string | null;
  sources_json: string;
  resolved_by: string | null;
  resolved_at: string | null;
  published: number;
  created_at: string;
  updated_at: string;
  seq: number;
  text_hash: string | null;
  priority_json: string;
  claimed_at: string | null;
  skip_reason: string | null;
  first_verdict_at: string | null;
  published_by: string | null;
  published_at: string | null;
}

/** Columns a workflow step may change. */
export type QueueItemPatch = Partial<
  Pick<
    QueueItemRow,
    | "status"
    | "assignee"
    | "verdict"
    | "note"
    | "sources_json"
    | "resolved_by"
    | "resolved_at"
    | "published"
    | "updated_at"
    | "claimed_at"
    | "skip_reason"
    | "first_verdict_at"
    | "published_by"
    | "published_at"
  >
>;

const PATCHABLE = new Set<string>([
  "status",
  "assignee",
  "verdict",
  "note",
  "sources_json",
  "resolved_by",
  "resolved_at",
  "published",
  "updated_at",
  "claimed_at",
  "skip_reason",
  "first_verdict_at",
  "published_by",
  "published_at",
]);

/** One appended audit row (before/after are serialised to JSON). */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  claim_id: string | null;
  episode_id: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** An `audit_log` row with its JSON parsed. */
export interface AuditRow extends AuditEntry {
  id: number;
}

/**
 * Run `fn` in one IMMEDIATE transaction (the write lock is taken up front, so concurrent
 * processes queue on the busy timeout instead of failing mid-way). Nested calls become savepoints.
 *
 * @example
 * inWriteTransaction(db, () => updateQueueItem(db, id, { status: "open" }));
 */
export function inWriteTransaction<T>(db: DB, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * Append one row to the audit log (the only write the table allows).
 *
 * @example
 * appendAudit(db, { at, actor: "ana", action: "skip", claim_id, episode_id, before, after, reason: "opinion" });
 */
export function appendAudit(db: DB, e: AuditEntry): void {
  stmt(db, 
    "INSERT INTO audit_log (at, actor, action, claim_id, episode_id, before_json, after_json, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(
    e.at,
    e.actor,
    e.action,
    e.claim_id,
    e.episode_id,
    e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
    e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
    e.reason,
  );
}

/**
 * Audit rows of one claim, oldest first.
 *
 * @example
 * auditRowsOf(db, claimId).map((r) => r.action); // ["create", "claim", "resolve"]
 */
export function auditRowsOf(db: DB, claimId: string): AuditRow[] {
  const rows = db
    .prepare("SELECT id, at, actor, action, claim_id, episode_id, before_json, after_json, reason FROM audit_log WHERE claim_id = ? ORDER BY id")
    .all(claimId) as (Omit<AuditRow, "before" | "after"> & { before_json: string | null; after_json: string | null })[];
  return rows.map(({ before_json, after_json, ...r }) => ({
    ...r,
    before: before_json ? JSON.parse(before_json) : null,
    after: after_json ? JSON.parse(after_json) : null,
  }));
}

/**
 * One queue item by its full claim id.
 *
 * @example
 * getQueueItem(db, "ep1:3f8260f8f6f1:0")?.status;
 */
export function getQueueItem(db: DB, claimId: string): QueueItemRow | undefined {
  return stmt(db, "SELECT * FROM queue_items WHERE claim_id = ?").get(claimId) as QueueItemRow | undefined;
}

/**
 * Claim ids of queue items that contain `fragment` (at most `limit`), for id-prefix lookup.
 *
 * @example
 * queueIdsContaining(db, ":3f82"); // ["ep1:3f8260f8f6f1:0"]
 */
export function queueIdsContaining(db: DB, fragment: string, limit = 200): string[] {
  return (stmt(db, "SELECT claim_id FROM queue_items WHERE instr(claim_id, ?) > 0 ORDER BY claim_id LIMIT ?").all(fragment, limit) as { claim_id: string }[]).map(
    (r) => r.claim_id,
  );
}

/**
 * Change columns of one item (names checked against a fixed list). Returns the new row.
 *
 * @example
 * updateQueueItem(db, id, { status: "open", assignee: null, updated_at: now });
 */
export function updateQueueItem(db: DB, claimId: string, patch: QueueItemPatch): QueueItemRow {
  const keys = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
  for (const k of keys) if (!PATCHABLE.has(k)) throw new Error(`queue_items.${k} is not patchable`);
  if (keys.length) stmt(db, `UPDATE queue_items SET ${keys.map((k) => `${k} = @${k}`).join(", ")} WHERE claim_id = @claim_id`).run({ ...patch, claim_id: claimId });
  return getQueueItem(db, claimId)!;
}

/**
 * Hand the highest-priority open, not orphaned item to `assignee` in a single statement that only
 * succeeds while the item is still open; call it inside `inWriteTransaction` together with its audit
 * row. Ties go to the smaller claim id. Undefined when nothing is open.
 *
 * @example
 * claimNextOpenItem(db, "ana", new Date().toISOString())?.claim_id;
 */
export function claimNextOpenItem(db: DB, assignee: string, now: string): QueueItemRow | undefined {
  return db
    .prepare(
      `UPDATE queue_items SET status = 'claimed', assignee = @assignee, claimed_at = @now, updated_at = @now
       WHERE claim_id = (SELECT claim_id FROM queue_items WHERE status = 'open' AND orphaned = 0
                         ORDER BY priority DESC, claim_id LIMIT 1)
         AND status = 'open'
       RETURNING *`,
    )
    .get({ assignee, now }) as QueueItemRow | undefined;
}

/** A queue item joined with its claim and episode, as `queue list` shows it. */
export interface QueueListRow extends QueueItemRow {
  text: string | null;
  speaker: string | null;
  claimant: string | null;
  type: string | null;
  score: number | null;
  start_line: number | null;
  start_time: number | null;
  sentence_idx: number | null;
  episode_title: string | null;
  air_date: string | null;
  topics: string | null;
}

/**
 * Filters of `listQueueItems`. `status` "orphaned" selects orphaned items; other statuses exclude
 * them; "published" selects items with a published verdict.
 */
export interface QueueFilter {
  status?: QueueStatus | "orphaned" | "published";
  topic?: string;
  episode?: string;
  assignee?: string;
  /** Only items created at or after this ISO time. */
  since?: string;
  limit?: number;
}

const LIST_SQL = `SELECT q.*, coalesce(c.text, q.old_text) AS text, c.speaker, c.claimant, c.type, c.score, c.start_line,
    c.start_time, c.sentence_idx, e.title AS episode_title, e.air_date,
    (SELECT group_concat(topic_id, ',') FROM (SELECT topic_id FROM claim_topics t WHERE t.claim_id = q.claim_id ORDER BY topic_id)) AS topics
  FROM queue_items q
  LEFT JOIN claims c ON c.id = q.claim_id AND q.orphaned = 0
  LEFT JOIN episodes e ON e.id = q.episode_id`;

/**
 * Queue items with their claim's text, speaker, line and topics, highest priority first.
 *
 * @example
 * listQueueItems(db, { status: "open", topic: "taxes", limit: 20 });
 */
export function listQueueItems(db: DB, f: QueueFilter = {}): QueueListRow[] {
  const where: string[] = [];
  if (f.status === "orphaned") where.push("q.orphaned = 1");
  else if (f.status === "published") where.push("q.published = 1 AND q.orphaned = 0");
  else if (f.status) where.push("q.status = @status AND q.orphaned = 0");
  if (f.topic) where.push("EXISTS (SELECT 1 FROM claim_topics t WHERE t.claim_id = q.claim_id AND t.topic_id = @topic)");
  if (f.episode) where.push("q.episode_id = @episode");
  if (f.assignee) where.push("q.assignee = @assignee");
  if (f.since) where.push("q.created_at >= @since");
  const sql = `${LIST_SQL} ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY q.priority DESC, q.claim_id ${f.limit ? "LIMIT @limit" : ""}`;
  return stmt(db, sql).all({ status: f.status ?? null, topic: f.topic ?? null, episode: f.episode ?? null, assignee: f.assignee ?? null, since: f.since ?? null, limit: f.limit ?? null }) as QueueListRow[];
}

/**
 * One item as `listQueueItems` shows it.
 *
 * @example
 * queueListRow(db, id)?.text;
 */
export function queueListRow(db: DB, claimId: string): QueueListRow | undefined {
  return stmt(db, `${LIST_SQL} WHERE q.claim_id = ?`).get(claimId) as QueueListRow | undefined;
}

/** Everything stored about a claim, for `queue show`. */
export interface ClaimDetailRows {
  claim: Record<string, any> | undefined;
  episode: { id: string; title: string | null; show: string | null; air_date: string | null; source_path: string; meta_json: string } | undefined;
  topics: { id: string; label: string | null; weight: number | null; terms_json: string }[];
  quantities: { kind: string; value: number; unit: string; text: string }[];
  states: string[];
  links: { source_id: string; table: string; state: string; year: number; metric: string; value: number; claimed: number | null; note: string | null }[];
  context: { idx: number; text: string; start_line: number; start_time: number | null; claimant: string | null; speaker: string | null }[];
}

/**
 * The claim behind an item with its episode, topics, numbers, places, dataset links, and the
 * sentences `around` either side of it (with the speaker of each sentence's turn).
 *
 * @example
 * claimDetailRows(db, id, 2).context.length; // up to 5
 */
export function claimDetailRows(db: DB, claimId: string, episodeId: string, around = 2): ClaimDetailRows {
  const claim = stmt(db, "SELECT * FROM claims WHERE id = ?").get(claimId) as Record<string, any> | undefined;
  const episode = stmt(db, "SELECT id, title, show, air_date, source_path, meta_json FROM episodes WHERE id = ?").get(episodeId) as ClaimDetailRows["episode"];
  const topics = db
    .prepare("SELECT ct.topic_id AS id, t.label, t.weight, ct.terms_json FROM claim_topics ct LEFT JOIN topics t ON t.id = ct.topic_id WHERE ct.claim_id = ? ORDER BY ct.topic_id")
    .all(claimId) as ClaimDetailRows["topics"];
  const quantities = stmt(db, "SELECT kind, value, unit, text FROM quantities WHERE claim_id = ? ORDER BY ord").all(claimId) as ClaimDetailRows["quantities"];
  const states = (stmt(db, "SELECT state FROM claim_states WHERE claim_id = ? ORDER BY state").all(claimId) as { state: string }[]).map((r) => r.state);
  const links = db
    .prepare('SELECT source_id, table_name AS "table", state, year, metric, value, claimed, note FROM claim_links WHERE claim_id = ? ORDER BY ord')
    .all(claimId) as ClaimDetailRows["links"];
  const context = claim
    ? (db
        .prepare(
          `SELECT s.idx, s.text, s.start_line, s.start_time, s.claimant, t.speaker FROM sentences s
           LEFT JOIN turns t ON t.episode_id = s.episode_id AND t.idx = s.turn_idx
           WHERE s.episode_id = ? AND s.idx BETWEEN ? AND ? ORDER BY s.idx`,
        )
        .all(claim.episode_id, claim.sentence_idx - around, claim.sentence_idx + around) as ClaimDetailRows["context"])
    : [];
  return { claim, episode, topics, quantities, states, links, context };
}

/** What claim matching needs to know about a candidate item. */
export interface MatchCandidateRow {
  claim_id: string;
  episode_id: string;
  text: string;
  text_hash: string | null;
  orphaned: number;
  status: QueueStatus;
  verdict: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  episode_title: string | null;
  air_date: string | null;
  states: string | null;
  has_claim: number;
}

const CANDIDATE_SQL = `SELECT q.claim_id, q.episode_id, coalesce(c.text, q.old_text, f.text, '') AS text, q.text_hash, q.orphaned, q.status, q.verdict,
    q.resolved_at, q.resolved_by, e.title AS episode_title, e.air_date, (c.id IS NOT NULL) AS has_claim,
    (SELECT group_concat(state, ',') FROM (SELECT state FROM claim_states s WHERE s.claim_id = c.id ORDER BY state)) AS states
  FROM queue_items q
  LEFT JOIN claims c ON c.id = q.claim_id AND q.orphaned = 0
  LEFT JOIN episodes e ON e.id = q.episode_id
  LEFT JOIN queue_fts f ON f.rowid = q.seq`;

/**
 * One item as a match candidate (text, hash, states, verdict).
 *
 * @example
 * matchCandidate(db, id)?.text;
 */
export function matchCandidate(db: DB, claimId: string): MatchCandidateRow | undefined {
  return stmt(db, `${CANDIDATE_SQL} WHERE q.claim_id = ?`).get(claimId) as MatchCandidateRow | undefined;
}

/**
 * Candidates for claim matching: items whose text matches an FTS5 query (best bm25 first), plus
 * every item with the same text hash.
 *
 * @example
 * matchCandidates(db, '"california" OR "dollar"', "3f8260f8f6f1", 30);
 */
export function matchCandidates(db: DB, ftsQuery: string, textHash: string | null, limit = 30): MatchCandidateRow[] {
  const out = new Map<string, MatchCandidateRow>();
  if (textHash)
    for (const r of stmt(db, `${CANDIDATE_SQL} WHERE q.text_hash = ?`).all(textHash) as MatchCandidateRow[]) out.set(r.claim_id, r);
  if (ftsQuery) {
    const ids = db
      .prepare("SELECT q.claim_id FROM queue_fts JOIN queue_items q ON q.seq = queue_fts.rowid WHERE queue_fts MATCH ? ORDER BY bm25(queue_fts) LIMIT ?")
      .all(ftsQuery, limit) as { claim_id: string }[];
    const one = stmt(db, `${CANDIDATE_SQL} WHERE q.claim_id = ?`);
    for (const { claim_id } of ids) if (!out.has(claim_id)) out.set(claim_id, one.get(claim_id) as MatchCandidateRow);
  }
  return [...out.values()];
}

/** A confirmed match row. */
export interface ConfirmedMatchRow {
  claim_id: string;
  other_id: string;
  kind: string;
  confirmed_by: string;
  confirmed_at: string;
}

/**
 * Matches a person confirmed for an item.
 *
 * @example
 * confirmedMatchesOf(db, id).map((m) => m.other_id);
 */
export function confirmedMatchesOf(db: DB, claimId: string): ConfirmedMatchRow[] {
  return stmt(db, "SELECT * FROM claim_matches WHERE claim_id = ? ORDER BY confirmed_at, other_id").all(claimId) as ConfirmedMatchRow[];
}

/**
 * Store a confirmed match in both directions (idempotent). Returns true when it was new.
 *
 * @example
 * insertConfirmedMatch(db, a, b, "near-same", "ana", now);
 */
export function insertConfirmedMatch(db: DB, a: string, b: string, kind: string, by: string, at: string): boolean {
  const ins = stmt(db, "INSERT OR IGNORE INTO claim_matches (claim_id, other_id, kind, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?)");
  const n = ins.run(a, b, kind, by, at).changes;
  ins.run(b, a, kind, by, at);
  return n > 0;
}

/** Counts for `queue stats`. */
export interface QueueStatsRows {
  byStatus: { status: string; n: number }[];
  orphaned: number;
  published: number;
  byChecker: { name: string; claimed: number; resolved: number; skipped: number }[];
  timings: { created_at: string; first_verdict_at: string | null; resolved_at: string | null; status: string }[];
}

/**
 * Raw counts and times for `queue stats`.
 *
 * @example
 * queueStatsRows(db).byStatus;
 */
export function queueStatsRows(db: DB): QueueStatsRows {
  const byStatus = stmt(db, "SELECT status, count(*) AS n FROM queue_items WHERE orphaned = 0 GROUP BY status ORDER BY status").all() as QueueStatsRows["byStatus"];
  const one = (sql: string) => (stmt(db, sql).get() as { n: number }).n;
  const byChecker = db
    .prepare(
      `SELECT name, sum(claimed) AS claimed, sum(resolved) AS resolved, sum(skipped) AS skipped FROM (
         SELECT assignee AS name, (status = 'claimed') AS claimed, 0 AS resolved, (status = 'skipped') AS skipped FROM queue_items WHERE assignee IS NOT NULL
         UNION ALL SELECT resolved_by, 0, 1, 0 FROM queue_items WHERE status = 'resolved' AND resolved_by IS NOT NULL)
       GROUP BY name ORDER BY name`,
    )
    .all() as QueueStatsRows["byChecker"];
  const timings = stmt(db, "SELECT created_at, first_verdict_at, resolved_at, status FROM queue_items WHERE first_verdict_at IS NOT NULL").all() as QueueStatsRows["timings"];
  return { byStatus, orphaned: one("SELECT count(*) AS n FROM queue_items WHERE orphaned = 1"), published: one("SELECT count(*) AS n FROM queue_items WHERE published = 1"), byChecker, timings };
}

/** A queue item with everything an export needs. */
export interface QueueExportRow extends QueueListRow {
  role: string | null;
  end_time: number | null;
  source_path: string | null;
  episode_meta_json: string | null;
  show: string | null;
}

/**
 * Items with claim and episode fields for `export queue` and the digest, highest priority first.
 *
 * @example
 * queueExportRows(db, { status: "resolved" });
 */
export function queueExportRows(db: DB, f: QueueFilter = {}): QueueExportRow[] {
  const rows = listQueueItems(db, f);
  const extra = stmt(db, 
    `SELECT c.role, c.end_time, e.source_path, e.meta_json AS episode_meta_json, e.show FROM queue_items q
     LEFT JOIN claims c ON c.id = q.claim_id AND q.orphaned = 0 LEFT JOIN episodes e ON e.id = q.episode_id WHERE q.claim_id = ?`,
  );
  return rows.map((r) => ({ ...r, ...(extra.get(r.claim_id) as object) }) as QueueExportRow);
}

/** Options of `recomputePriorities`. */
export interface RecomputeOptions {
  /** Only items of this episode and the items sharing a text hash with them (default: all). */
  episode?: string;
  /** Reference time for recency (default: now). */
  now?: Date;
  /** Topic weights (default: `data/topics.json`, then the `topics` table, then 1). */
  weights?: Map<string, number>;
}

/** How often a claim is said: live items with its text hash, and in how many episodes. */
interface Repeat {
  n: number;
  eps: number;
}

const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
/**
 * Whether a live count of `n` for a text hash means its items in other episodes need a refresh:
 * it just reached `n` from `n - 1` or `n + 1`, and the "repeated" factor only steps at powers of two.
 */
const crossesPow2 = (n: number) => n > 1 && (pow2(n) || pow2(n + 1));

/** What a priority needs about one stored item (score, air date, link count, topics as JSON). */
const INFO = `SELECT q.claim_id, q.priority, q.priority_json, q.text_hash, c.score, e.air_date,
    (SELECT count(*) FROM claim_links l WHERE l.claim_id = c.id) AS links,
    (SELECT json_group_array(topic_id) FROM claim_topics t WHERE t.claim_id = c.id) AS topics
  FROM queue_items q JOIN claims c ON c.id = q.claim_id LEFT JOIN episodes e ON e.id = q.episode_id`;
type Info = { claim_id: string; priority: number; priority_json: string; text_hash: string | null; score: number; air_date: string | null; links: number; topics: string };

/** Topic weights stored in the `topics` table. */
function tableTopicWeights(db: DB): Map<string, number> {
  return new Map((stmt(db, "SELECT id, weight FROM topics").all() as { id: string; weight: number }[]).map((t) => [t.id, t.weight]));
}

/**
 * Confirmed matches per claim id that count as "said again": the other item is live and has
 * another text hash (one with the same hash is already counted as a repeat). `ids`: only these
 * claims (default: every claim).
 */
function matchedCounts(db: DB, ids?: string[]): Map<string, number> {
  const rows = ids
    ? (stmt(db, MATCHED_OF).all(JSON.stringify(ids)) as { claim_id: string; n: number }[])
    : (stmt(db, MATCHED_ALL).all() as { claim_id: string; n: number }[]);
  return new Map(rows.map((r) => [r.claim_id, r.n]));
}
const MATCHED = `SELECT m.claim_id, count(*) AS n FROM claim_matches m JOIN queue_items a ON a.claim_id = m.claim_id JOIN queue_items b ON b.claim_id = m.other_id
       WHERE b.orphaned = 0 AND coalesce(a.text_hash, '') <> coalesce(b.text_hash, '')`;
const MATCHED_ALL = `${MATCHED} GROUP BY m.claim_id`;
const MATCHED_OF = `${MATCHED} AND m.claim_id IN (SELECT value FROM json_each(?)) GROUP BY m.claim_id`;

/** The priority of one item and its explanation as stored (`priority_json`). */
function priorityOf(
  item: { score: number; topics: readonly string[]; links: number; airDate: string | null },
  rep: Repeat | undefined,
  matched: number,
  now: Date,
  weights: Map<string, number>,
  tableWeights: Map<string, number>,
): { priority: number; json: string } {
  const p = computePriority({
    score: item.score,
    topics: item.topics.map((id) => ({ id, weight: weights.get(id) ?? tableWeights.get(id) ?? 1 })),
    links: item.links,
    timesSaid: (rep?.n ?? 1) + matched,
    episodes: rep?.eps ?? 1,
    airDate: item.airDate,
    now,
  });
  return { priority: p.priority, json: JSON.stringify(p.parts) };
}

/**
 * Store the priorities of stored items `targets` where they changed; returns how many changed.
 */
function refreshStored(
  db: DB,
  targets: Info[],
  repeats: Map<string, Repeat>,
  matched: Map<string, number>,
  now: Date,
  weights: Map<string, number>,
  tableWeights: Map<string, number>,
): number {
  const set = stmt(db, "UPDATE queue_items SET priority = ?, priority_json = ? WHERE claim_id = ?");
  let changed = 0;
  for (const r of targets) {
    const p = priorityOf(
      { score: r.score, topics: JSON.parse(r.topics) as string[], links: r.links, airDate: r.air_date },
      r.text_hash ? repeats.get(r.text_hash) : undefined,
      matched.get(r.claim_id) ?? 0,
      now,
      weights,
      tableWeights,
    );
    if (p.priority !== r.priority || p.json !== r.priority_json) {
      set.run(p.priority, p.json, r.claim_id);
      changed++;
    }
  }
  return changed;
}

/** Live items in other episodes than `episodeId` whose text hash's count just crossed a power of two. */
function crossedRepeats(db: DB, repeats: Map<string, Repeat>, episodeId: string): Info[] {
  const hashes: string[] = [];
  for (const [hash, r] of repeats) if (crossesPow2(r.n)) hashes.push(hash);
  return hashes.length ? (stmt(db, INFO_REPEATING).all(JSON.stringify(hashes), episodeId) as Info[]) : [];
}
// Live items per text hash and their episodes, kept by triggers (migration 0007): a lookup per hash,
// where counting the items was a scan over every repeat of the claim.
const COUNT_REPEATS = "SELECT text_hash, n, eps FROM queue_hash_counts WHERE text_hash IN (SELECT value FROM json_each(?))";
const INFO_REPEATING = `${INFO} WHERE q.orphaned = 0 AND q.text_hash IN (SELECT value FROM json_each(?)) AND q.episode_id <> ?`;
const INFO_OF_EPISODE = `${INFO} WHERE q.orphaned = 0 AND q.episode_id = ?`;
const INFO_LIVE = `${INFO} WHERE q.orphaned = 0`;

/**
 * Recompute and store the priority (and its explanation) of every live item, or of one episode's
 * items and those repeating them. Orphaned items keep their last priority. Returns how many changed.
 *
 * @example
 * recomputePriorities(db); // after editing data/topics.json
 */
export function recomputePriorities(db: DB, opts: RecomputeOptions = {}): number {
  const now = opts.now ?? new Date();
  const weights = opts.weights ?? loadTopicWeights();
  const tableWeights = tableTopicWeights(db);
  // Only the hashes of the episode's items are counted, so an ingest costs O(its claims), not
  // O(queue size).
  const repeats = new Map(
    (stmt(
      db,
      opts.episode
        ? `SELECT text_hash, n, eps FROM queue_hash_counts
           WHERE text_hash IN (SELECT text_hash FROM queue_items WHERE episode_id = @ep AND text_hash IS NOT NULL)`
        : "SELECT text_hash, n, eps FROM queue_hash_counts",
    ).all(opts.episode ? { ep: opts.episode } : {}) as {
      text_hash: string;
      n: number;
      eps: number;
    }[]).map((r): [string, Repeat] => [r.text_hash, r]),
  );
  // Targets: the episode's items, plus items elsewhere repeating a claim whose count just crossed a
  // power of two (the only counts at which their "repeated" factor changes). Amortised O(1) per
  // claim, where refreshing every repeat on every ingest was quadratic in how often a claim recurs.
  // Each query returns what the priority needs (score, air date, link count, topics), so this
  // costs a few statements, not three per item.
  let targets: Info[];
  if (opts.episode) {
    targets = stmt(db, INFO_OF_EPISODE).all(opts.episode) as Info[];
    targets.push(...crossedRepeats(db, repeats, opts.episode));
  } else targets = stmt(db, INFO_LIVE).all() as Info[];
  // Confirmed matches of the targets only (all of them when every item is a target).
  const matched = matchedCounts(db, opts.episode ? targets.map((t) => t.claim_id) : undefined);
  return refreshStored(db, targets, repeats, matched, now, weights, tableWeights);
}

/**
 * Upsert the queue items of an episode's claims (called inside the episode's write transaction).
 * Items are keyed by the stable claim id and never deleted: an item whose claim vanished is marked
 * orphaned with its old text; one whose claim came back is un-orphaned. Status, assignee, verdict,
 * note and sources are never touched here. Every create, orphan and restore is audited; the
 * full-text index gets each item's latest text; the episode's items (and items repeating them in
 * other episodes whose count crossed a power of two) get the priority `recomputePriorities` would
 * give them.
 *
 * A new item is inserted with its final priority, computed from the claim in memory (score, topics,
 * links) and the repeat counts it is about to add to, instead of with priority 0 and updated right
 * after; the episode's items are read in one query, not one per claim. Every stored row (items and
 * their seq, priority and priority_json, audit rows and their order, the full-text rows) is the same
 * as inserting each new item with priority 0 and then running `recomputePriorities(db, { episode })`,
 * which the unusual cases still do: a claim id that has an item under another episode, or a
 * confirmed match naming a claim that has no item yet. (Only FTS5's internal segments differ: a new
 * item's text is no longer preceded by a DELETE of its not-yet-used rowid, which made FTS5 flush a
 * one-document segment per item; queries and bm25 scores are the same.)
 *
 * @example
 * syncQueueItems(db, "ep1", rec.claims, oldTexts, "ingest", new Date().toISOString());
 */
export function syncQueueItems(
  db: DB,
  episodeId: string,
  claims: EpisodeRecord["claims"],
  oldTexts: Map<string, string>,
  actor: string,
  now: string,
): WriteResult {
  type Existing = {
    claim_id: string;
    orphaned: number;
    status: string;
    verdict: string | null;
    assignee: string | null;
    seq: number;
    text_hash: string | null;
    priority: number;
    priority_json: string;
  };
  // The episode's items as they are now, in the order the orphan pass below has always seen them.
  const existing = stmt(
    db,
    "SELECT claim_id, orphaned, status, verdict, assignee, seq, text_hash, priority, priority_json FROM queue_items WHERE episode_id = ?",
  ).all(episodeId) as Existing[];
  const byId = new Map<string, Existing>();
  for (const r of existing) byId.set(r.claim_id, r);
  const live: EpisodeRecord["claims"] = [];
  const liveIds = new Set<string>();
  const fresh: string[] = [];
  for (const c of claims) {
    if (c.from_teaser || liveIds.has(c.id)) continue;
    liveIds.add(c.id);
    live.push(c);
    if (!byId.has(c.id)) fresh.push(c.id);
  }
  if (
    fresh.length &&
    (
      stmt(
        db,
        `SELECT EXISTS (SELECT 1 FROM queue_items WHERE claim_id IN (SELECT value FROM json_each(@ids)))
            OR EXISTS (SELECT 1 FROM claim_matches WHERE claim_id IN (SELECT value FROM json_each(@ids)) OR other_id IN (SELECT value FROM json_each(@ids))) AS odd`,
      ).get({ ids: JSON.stringify(fresh) }) as { odd: number }
    ).odd
  )
    return syncQueueItemsOneByOne(db, episodeId, claims, oldTexts, actor, now);

  const restore = stmt(db, "UPDATE queue_items SET orphaned = 0, old_text = NULL, updated_at = ?, text_hash = ? WHERE claim_id = ?");
  const setHash = stmt(db, "UPDATE queue_items SET text_hash = ? WHERE claim_id = ?");
  const ftsDelete = stmt(db, "DELETE FROM queue_fts WHERE rowid = ?");
  const ftsInsert = stmt(db, "INSERT INTO queue_fts (rowid, text) VALUES (?, ?)");
  // Audit rows are appended at the end, in the order the creates, restores and orphans happen.
  const audits: AuditEntry[] = [];
  let added = 0;
  let kept = 0;
  for (const c of live) {
    const row = byId.get(c.id);
    if (!row) {
      audits.push(createdAudit(now, actor, episodeId, c));
      added++;
      continue;
    }
    kept++;
    ftsDelete.run(row.seq);
    ftsInsert.run(row.seq, c.text);
    if (row.orphaned) {
      restore.run(now, c.text_hash, c.id);
      audits.push(restoredAudit(now, actor, episodeId, c));
    } else if (row.text_hash !== c.text_hash) setHash.run(c.text_hash, c.id);
  }
  let orphaned = 0;
  const orphan = stmt(db, "UPDATE queue_items SET orphaned = 1, old_text = coalesce(?, old_text), updated_at = ? WHERE claim_id = ?");
  for (const r of existing) {
    if (liveIds.has(r.claim_id) || r.orphaned) continue;
    const oldText = oldTexts.get(r.claim_id) ?? null;
    orphan.run(oldText, now, r.claim_id);
    audits.push(orphanedAudit(now, actor, episodeId, r, oldText));
    orphaned++;
  }

  // Repeat counts as they will be once the new items are in: the stored live items with the
  // episode's hashes (those of its orphaned items too), plus the new items.
  // (`here`: the hashes of the episode's stored items that are live now, i.e. of the kept ones.)
  const pending = new Map<string, number>();
  const here = new Set<string>();
  const hashes = new Set<string>();
  for (const r of existing) if (!liveIds.has(r.claim_id) && r.text_hash != null) hashes.add(r.text_hash);
  for (const c of live) {
    if (c.text_hash == null) continue;
    hashes.add(c.text_hash);
    if (byId.has(c.id)) here.add(c.text_hash);
    else pending.set(c.text_hash, (pending.get(c.text_hash) ?? 0) + 1);
  }
  const repeats = new Map<string, Repeat>();
  const counted = stmt(db, COUNT_REPEATS).all(JSON.stringify([...hashes])) as { text_hash: string; n: number; eps: number }[];
  for (const r of counted) {
    const k = pending.get(r.text_hash) ?? 0;
    repeats.set(r.text_hash, { n: r.n + k, eps: r.eps + (k > 0 && !here.has(r.text_hash) ? 1 : 0) });
  }
  for (const [hash, k] of pending) if (!repeats.has(hash)) repeats.set(hash, { n: k, eps: 1 });

  const others = crossedRepeats(db, repeats, episodeId);
  const matched = matchedCounts(db, [...liveIds].filter((id) => byId.has(id)).concat(others.map((r) => r.claim_id)));
  const at = new Date(now);
  const weights = loadTopicWeights();
  const tableWeights = tableTopicWeights(db);
  const airDate = (stmt(db, "SELECT air_date FROM episodes WHERE id = ?").get(episodeId) as { air_date: string | null } | undefined)?.air_date ?? null;
  const insert = stmt(db, `INSERT INTO queue_items (claim_id, episode_id, status, priority, priority_json, created_at, updated_at, seq, text_hash)
     VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`);
  const set = stmt(db, "UPDATE queue_items SET priority = ?, priority_json = ? WHERE claim_id = ?");
  let seq = (stmt(db, "SELECT coalesce(max(seq), 0) AS seq FROM queue_items").get() as { seq: number }).seq;
  for (const c of live) {
    const p = priorityOf(
      { score: c.score, topics: [...new Set(c.topics.map((t) => t.id))], links: c.links.length, airDate },
      c.text_hash ? repeats.get(c.text_hash) : undefined,
      matched.get(c.id) ?? 0,
      at,
      weights,
      tableWeights,
    );
    const row = byId.get(c.id);
    if (!row) {
      seq++;
      insert.run(c.id, episodeId, p.priority, p.json, now, now, seq, c.text_hash);
      ftsInsert.run(seq, c.text);
    } else if (p.priority !== row.priority || p.json !== row.priority_json) set.run(p.priority, p.json, c.id);
  }
  refreshStored(db, others, repeats, matched, at, weights, tableWeights);
  for (const a of audits) appendAudit(db, a);
  return { claimsAdded: added, claimsKept: kept, claimsOrphaned: orphaned };
}

/** The audit entry of an item created on ingest. */
function createdAudit(now: string, actor: string, episodeId: string, c: { id: string; text: string }): AuditEntry {
  return { at: now, actor, action: "create", claim_id: c.id, episode_id: episodeId, before: null, after: { status: "open", text: c.text }, reason: null };
}

/** The audit entry of an orphaned item whose claim is back. */
function restoredAudit(now: string, actor: string, episodeId: string, c: { id: string; text: string }): AuditEntry {
  return { at: now, actor, action: "restore", claim_id: c.id, episode_id: episodeId, before: { orphaned: 1 }, after: { orphaned: 0, text: c.text }, reason: "claim text is back after re-ingest" };
}

/** The audit entry of an item whose claim changed or vanished; its state is kept on both sides. */
function orphanedAudit(
  now: string,
  actor: string,
  episodeId: string,
  r: { claim_id: string; status: string; verdict: string | null; assignee: string | null },
  oldText: string | null,
): AuditEntry {
  const state = { status: r.status, verdict: r.verdict, assignee: r.assignee };
  return {
    at: now,
    actor,
    action: "orphan",
    claim_id: r.claim_id,
    episode_id: episodeId,
    before: { orphaned: 0, text: oldText, ...state },
    after: { orphaned: 1, old_text: oldText, ...state },
    reason: "claim text changed or vanished on re-ingest",
  };
}

/**
 * `syncQueueItems` one claim at a time: each new item is inserted with priority 0, then
 * `recomputePriorities` sets the episode's priorities from what is stored. For the cases the
 * in-memory path does not cover.
 */
function syncQueueItemsOneByOne(
  db: DB,
  episodeId: string,
  claims: EpisodeRecord["claims"],
  oldTexts: Map<string, string>,
  actor: string,
  now: string,
): WriteResult {
  const get = stmt(db, "SELECT claim_id, orphaned, seq, text_hash FROM queue_items WHERE claim_id = ?");
  const insert = stmt(db, 
    `INSERT INTO queue_items (claim_id, episode_id, status, priority, created_at, updated_at, seq, text_hash)
     VALUES (?, ?, 'open', 0, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM queue_items), ?) RETURNING seq`,
  );
  const restore = stmt(db, "UPDATE queue_items SET orphaned = 0, old_text = NULL, updated_at = ?, text_hash = ? WHERE claim_id = ?");
  const setHash = stmt(db, "UPDATE queue_items SET text_hash = ? WHERE claim_id = ?");
  const ftsDelete = stmt(db, "DELETE FROM queue_fts WHERE rowid = ?");
  const ftsInsert = stmt(db, "INSERT INTO queue_fts (rowid, text) VALUES (?, ?)");
  const setFts = (seq: number, text: string) => {
    ftsDelete.run(seq);
    ftsInsert.run(seq, text);
  };
  let added = 0;
  let kept = 0;
  const live = new Set<string>();
  for (const c of claims) {
    if (c.from_teaser || live.has(c.id)) continue;
    live.add(c.id);
    const row = get.get(c.id) as { orphaned: number; seq: number; text_hash: string | null } | undefined;
    if (!row) {
      const { seq } = insert.get(c.id, episodeId, now, now, c.text_hash) as { seq: number };
      setFts(seq, c.text);
      appendAudit(db, createdAudit(now, actor, episodeId, c));
      added++;
      continue;
    }
    kept++;
    setFts(row.seq, c.text);
    if (row.orphaned) {
      restore.run(now, c.text_hash, c.id);
      appendAudit(db, restoredAudit(now, actor, episodeId, c));
    } else if (row.text_hash !== c.text_hash) setHash.run(c.text_hash, c.id);
  }
  let orphaned = 0;
  const existing = stmt(db, "SELECT claim_id, orphaned, status, verdict, assignee FROM queue_items WHERE episode_id = ?").all(episodeId) as {
    claim_id: string;
    orphaned: number;
    status: string;
    verdict: string | null;
    assignee: string | null;
  }[];
  const orphan = stmt(db, "UPDATE queue_items SET orphaned = 1, old_text = coalesce(?, old_text), updated_at = ? WHERE claim_id = ?");
  for (const r of existing) {
    if (live.has(r.claim_id) || r.orphaned) continue;
    const oldText = oldTexts.get(r.claim_id) ?? null;
    orphan.run(oldText, now, r.claim_id);
    appendAudit(db, orphanedAudit(now, actor, episodeId, r, oldText));
    orphaned++;
  }
  recomputePriorities(db, { episode: episodeId, now: new Date(now) });
  return { claimsAdded: added, claimsKept: kept, claimsOrphaned: orphaned };
}

/**
 * Topic ids with their labels and stored weights.
 *
 * @example
 * topicRows(db).find((t) => t.id === "taxes")?.label;
 */
export function topicRows(db: DB): { id: string; label: string; weight: number }[] {
  return stmt(db, "SELECT id, label, weight FROM topics ORDER BY id").all() as { id: string; label: string; weight: number }[];
}
