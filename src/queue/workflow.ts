import { userInfo } from "node:os";
import type { DB } from "../store/open.js";
import type { Provenance } from "../store/records.js";
import {
  appendAudit,
  auditRowsOf,
  claimDetailRows,
  claimNextOpenItem,
  confirmedMatchesOf,
  getQueueItem,
  inWriteTransaction,
  insertConfirmedMatch,
  listQueueItems,
  matchCandidate,
  matchCandidates,
  queueIdsContaining,
  queueListRow,
  queueStatsRows,
  recomputePriorities,
  topicRows,
  updateQueueItem,
  type AuditRow,
  type MatchCandidateRow,
  type QueueFilter,
  type QueueItemPatch,
  type QueueItemRow,
  type QueueListRow,
  type QueueStatus,
} from "../store/queue.js";
import { hasEpisode } from "../store/exports.js";
import { compareClaims, ftsQueryFor, type MatchKind } from "./match.js";
import { loadTopicWeights } from "./topic-weights.js";
import { explainPriority, type PriorityPart } from "./priority.js";

export { recomputePriorities };
export type { QueueStatus, AuditRow };

/** Verdicts a fact-checker can give, best to worst. */
export const VERDICTS = ["true", "mostly-true", "half-true", "mostly-false", "false", "misleading", "unverifiable"] as const;
/** One of `VERDICTS`. */
export type Verdict = (typeof VERDICTS)[number];
/**
 * Statuses `queue list --status` and `export queue --status` accept ("orphaned" is a flag shown as
 * a status; "published" selects resolved items whose verdict is published).
 */
export const LIST_STATUSES = ["open", "claimed", "resolved", "skipped", "orphaned", "published"] as const;

/** Why a workflow step refused: the id is unknown or ambiguous, the input is invalid, or the item's state forbids it. */
export type WorkflowErrorKind = "not-found" | "ambiguous" | "invalid" | "conflict";

/**
 * A refused workflow step, with a message meant for the person who asked. `conflict` means the
 * item's state (or someone else's change) forbids it; `candidates` lists ids for `ambiguous`.
 *
 * @example
 * try { resolveItem(db, args, "ana"); } catch (e) { if (e instanceof WorkflowError && e.kind === "conflict") retry(); }
 */
export class WorkflowError extends Error {
  readonly kind: WorkflowErrorKind;
  readonly candidates: string[];
  constructor(kind: WorkflowErrorKind, message: string, candidates: string[] = []) {
    super(message);
    this.name = "WorkflowError";
    this.kind = kind;
    this.candidates = candidates;
  }
}

/** A queue item as every command and the web page show it. */
export interface QueueItem {
  id: string;
  episode: string;
  /** The status to show: "orphaned" when the claim's text changed or vanished, else the workflow status. */
  display_status: QueueStatus | "orphaned";
  status: QueueStatus;
  orphaned: boolean;
  priority: number;
  text: string | null;
  speaker: string | null;
  claimant: string | null;
  type: string | null;
  score: number | null;
  line: number | null;
  time: number | null;
  topics: string[];
  episode_title: string | null;
  air_date: string | null;
  assignee: string | null;
  claimed_at: string | null;
  verdict: string | null;
  note: string | null;
  sources: string[];
  resolved_by: string | null;
  resolved_at: string | null;
  first_verdict_at: string | null;
  skip_reason: string | null;
  published: boolean;
  published_by: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The acting person: `$CLAIMCAST_USER`, else the OS user name, else "unknown".
 *
 * @example
 * defaultActor(); // "ana"
 */
export function defaultActor(): string {
  const env = process.env.CLAIMCAST_USER?.trim();
  if (env) return env;
  try {
    return userInfo().username || "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Plain item data from a stored row.
 *
 * @example
 * toQueueItem(queueListRow(db, id)!).display_status;
 */
export function toQueueItem(r: QueueListRow): QueueItem {
  return {
    id: r.claim_id,
    episode: r.episode_id,
    display_status: r.orphaned ? "orphaned" : r.status,
    status: r.status,
    orphaned: r.orphaned === 1,
    priority: r.priority,
    text: r.text,
    speaker: r.speaker,
    claimant: r.claimant,
    type: r.type,
    score: r.score,
    line: r.start_line,
    time: r.start_time,
    topics: r.topics ? r.topics.split(",") : [],
    episode_title: r.episode_title,
    air_date: r.air_date,
    assignee: r.assignee,
    claimed_at: r.claimed_at,
    verdict: r.verdict,
    note: r.note,
    sources: JSON.parse(r.sources_json || "[]"),
    resolved_by: r.resolved_by,
    resolved_at: r.resolved_at,
    first_verdict_at: r.first_verdict_at,
    skip_reason: r.skip_reason,
    published: r.published === 1,
    published_by: r.published_by,
    published_at: r.published_at,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function itemOf(db: DB, id: string): QueueItem {
  return toQueueItem(queueListRow(db, id)!);
}

/**
 * The full claim id for a reference: the full id, any unique prefix of the full id, or a unique
 * prefix of the hash part (optionally with `:ordinal`). Throws `not-found` or `ambiguous`.
 *
 * @example
 * resolveItemId(db, "3f8260"); // "002_1142964fd8d0627e:3f8260f8f6f1:0"
 */
export function resolveItemId(db: DB, ref: string): string {
  const r = ref.trim();
  if (!r) throw new WorkflowError("invalid", "an item id is required");
  if (getQueueItem(db, r)) return r;
  const m = /^([0-9a-f]+)(?::(\d+))?$/i.exec(r);
  const found = new Set<string>();
  for (const id of queueIdsContaining(db, r)) if (id.startsWith(r)) found.add(id);
  if (m)
    for (const id of queueIdsContaining(db, ":" + m[1].toLowerCase())) {
      const parts = id.split(":");
      const hash = parts[parts.length - 2] ?? "";
      const ord = parts[parts.length - 1];
      if (hash.startsWith(m[1].toLowerCase()) && (m[2] === undefined || ord === m[2])) found.add(id);
    }
  const ids = [...found].sort();
  if (ids.length === 1) return ids[0];
  if (!ids.length) throw new WorkflowError("not-found", `no queue item '${r}' (give the full id or a prefix of its hash part; see: claimcast queue list)`);
  throw new WorkflowError(
    "ambiguous",
    `'${r}' is ambiguous: it matches ${ids.length} items (${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}); give more of the hash or the full id`,
    ids,
  );
}

/** Arguments of `listItems`. */
export interface ListArgs extends QueueFilter {}

/**
 * Check the episode and topic a listing is filtered by: an episode id that is not stored, or a
 * topic id that is neither tagged on a stored claim nor in the topic data (`data/topics.json`), is
 * refused (`not-found`) instead of giving an empty list; the message names the known topics.
 *
 * @example
 * checkListFilter(db, { episode: "bogus" }); // throws WorkflowError not-found "no episode 'bogus' …"
 */
export function checkListFilter(db: DB, args: Pick<QueueFilter, "episode" | "topic">): void {
  if (args.episode !== undefined && !hasEpisode(db, args.episode))
    throw new WorkflowError("not-found", `no episode '${args.episode}' (see: claimcast episodes)`);
  if (args.topic !== undefined) {
    const known = new Set([...topicRows(db).map((t) => t.id), ...loadTopicWeights().keys()]);
    if (!known.has(args.topic))
      throw new WorkflowError("not-found", `unknown topic '${args.topic}' (known: ${known.size ? [...known].sort().join(", ") : "none yet"})`);
  }
}

/**
 * Queue items, highest priority first, filtered by status (or "orphaned"), topic, episode, assignee.
 *
 * @example
 * listItems(db, { status: "open", limit: 10 });
 */
export function listItems(db: DB, args: ListArgs = {}, _actor?: string): QueueItem[] {
  if (args.status && !(LIST_STATUSES as readonly string[]).includes(args.status))
    throw new WorkflowError("invalid", `unknown status '${args.status}' (one of ${LIST_STATUSES.join(", ")})`);
  if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 1)) throw new WorkflowError("invalid", "limit must be a positive whole number");
  return listQueueItems(db, args).map(toQueueItem);
}

function requireActor(actor: string): string {
  const a = actor?.trim();
  if (!a) throw new WorkflowError("invalid", "who is acting? give a name (--as NAME or $CLAIMCAST_USER)");
  return a;
}

/** A timestamp strictly after `prev`, so `updated_at` changes with every change. */
function stamp(prev?: string | null): string {
  const now = new Date().toISOString();
  if (!prev || now > prev) return now;
  return new Date(Date.parse(prev) + 1).toISOString();
}

function snapshot(r: QueueItemRow) {
  return {
    status: r.status,
    orphaned: r.orphaned === 1,
    assignee: r.assignee,
    verdict: r.verdict,
    note: r.note,
    sources: JSON.parse(r.sources_json || "[]"),
    resolved_by: r.resolved_by,
    resolved_at: r.resolved_at,
    skip_reason: r.skip_reason,
    published: r.published === 1,
    updated_at: r.updated_at,
  };
}

/** An instant: milliseconds since the epoch, and the digits of its fraction beyond the millisecond. */
interface Instant {
  ms: number;
  sub: string;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,3})(\d*))?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 instant (date, time and offset: `2026-12-07T10:00:00.000Z`, `…+00:00`, `…+01:00`),
 * or null when the text is not one (a date without a time or offset is not an instant).
 *
 * @example
 * parseInstant("2026-12-07T11:00:00+01:00")?.ms === parseInstant("2026-12-07T10:00:00.000Z")?.ms; // true
 */
export function parseInstant(text: string): Instant | null {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const zone = m[5].toUpperCase() === "Z" ? "Z" : m[5].length === 5 ? `${m[5].slice(0, 3)}:${m[5].slice(3)}` : m[5];
  const ms = Date.parse(`${m[1]}T${m[2].length === 5 ? m[2] + ":00" : m[2]}.${(m[3] ?? "").padEnd(3, "0")}${zone}`);
  if (!Number.isFinite(ms)) return null;
  // Date.parse accepts 2026-02-31 (as 3 March): check the date and time fields round-trip.
  const [y, mo, d] = m[1].split("-").map(Number);
  const [h, mi, se = 0] = m[2].split(":").map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || se > 59) return null;
  return { ms, sub: (m[4] ?? "").replace(/0+$/, "") };
}

const sameInstant = (a: Instant | null, b: Instant) => a !== null && a.ms === b.ms && a.sub === b.sub;

interface Change {
  action: string;
  reason?: string | null;
  patch: QueueItemPatch;
}

/**
 * Apply one change to one item in an IMMEDIATE transaction: load it, check the optimistic
 * `expectUpdatedAt`, let `decide` refuse or return the patch, write it and its audit row. `decide` gets the change's
 * one timestamp, `at` (the new `updated_at` and the audit row's time), for the times its patch sets, so that e.g. a
 * verdict's `resolved_at` is the same instant as the `updated_at` of the change that gave it.
 */
function change(db: DB, ref: string, actor: string, expectUpdatedAt: string | undefined, decide: (row: QueueItemRow, at: string) => Change): QueueItem {
  const who = requireActor(actor);
  const expected = expectUpdatedAt === undefined ? undefined : parseInstant(expectUpdatedAt);
  if (expected === null)
    throw new WorkflowError("invalid", `the expected updated_at '${expectUpdatedAt}' is not an ISO 8601 instant (like 2026-12-07T10:00:00.000Z)`);
  const id = resolveItemId(db, ref);
  return inWriteTransaction(db, () => {
    const row = getQueueItem(db, id)!;
    if (expected !== undefined && !sameInstant(parseInstant(row.updated_at), expected))
      throw new WorkflowError(
        "conflict",
        `item ${id} was changed at ${row.updated_at}${row.assignee ? ` (assignee ${row.assignee})` : ""}, after the version you saw (${expectUpdatedAt}); reload it and try again`,
      );
    const at = stamp(row.updated_at);
    const c = decide(row, at);
    const after = updateQueueItem(db, id, { ...c.patch, updated_at: at });
    appendAudit(db, { at, actor: who, action: c.action, claim_id: id, episode_id: row.episode_id, before: snapshot(row), after: snapshot(after), reason: c.reason ?? null });
    return itemOf(db, id);
  });
}

/** Arguments shared by every change: the item and, optionally, the `updated_at` the caller saw. */
export interface ItemArgs {
  id: string;
  /** Optimistic concurrency: refuse when the item changed since this `updated_at`. */
  expectUpdatedAt?: string;
}

/**
 * Atomically hand the highest-priority open item (not orphaned) to `actor` and mark it claimed.
 * One IMMEDIATE transaction around a single guarded UPDATE … RETURNING: concurrent callers never
 * get the same item. Null when nothing is open.
 *
 * @example
 * const item = nextItem(db, {}, "ana"); // null when the queue is empty
 */
export function nextItem(db: DB, _args: Record<string, never> = {}, actor: string = defaultActor()): QueueItem | null {
  const who = requireActor(actor);
  return inWriteTransaction(db, () => {
    const at = new Date().toISOString();
    const row = claimNextOpenItem(db, who, at);
    if (!row) return null;
    appendAudit(db, {
      at,
      actor: who,
      action: "claim",
      claim_id: row.claim_id,
      episode_id: row.episode_id,
      before: { ...snapshot(row), status: "open", assignee: null },
      after: snapshot(row),
      reason: "queue next",
    });
    return itemOf(db, row.claim_id);
  });
}

/**
 * Give an open or claimed item to a person (taking it from whoever had it).
 *
 * @example
 * assignItem(db, { id: "3f82", to: "ben" }, "ana");
 */
export function assignItem(db: DB, args: ItemArgs & { to: string }, actor: string = defaultActor()): QueueItem {
  const to = args.to?.trim();
  if (!to) throw new WorkflowError("invalid", "assign needs a person (--to NAME)");
  return change(db, args.id, actor, args.expectUpdatedAt, (r, at) => {
    if (r.status === "resolved" || r.status === "skipped")
      throw new WorkflowError("conflict", `item ${r.claim_id} is ${r.status}; reopen it with a reason before assigning it`);
    return { action: "assign", reason: r.assignee && r.assignee !== to ? `taken from ${r.assignee}` : null, patch: { status: "claimed", assignee: to, claimed_at: at } };
  });
}

/**
 * Put a claimed item back in the open queue.
 *
 * @example
 * releaseItem(db, { id: "3f82" }, "ana");
 */
export function releaseItem(db: DB, args: ItemArgs, actor: string = defaultActor()): QueueItem {
  return change(db, args.id, actor, args.expectUpdatedAt, (r) => {
    if (r.status !== "claimed") throw new WorkflowError("conflict", `item ${r.claim_id} is ${r.status}, not claimed; nothing to release`);
    return { action: "release", patch: { status: "open", assignee: null, claimed_at: null } };
  });
}

/**
 * Skip an open or claimed item (not worth checking), with a reason.
 *
 * @example
 * skipItem(db, { id: "3f82", reason: "opinion, not a checkable fact" }, "ana");
 */
export function skipItem(db: DB, args: ItemArgs & { reason: string }, actor: string = defaultActor()): QueueItem {
  const reason = args.reason?.trim();
  if (!reason) throw new WorkflowError("invalid", "skip needs a reason (--reason TEXT)");
  return change(db, args.id, actor, args.expectUpdatedAt, (r) => {
    if (r.status === "resolved" || r.status === "skipped")
      throw new WorkflowError("conflict", `item ${r.claim_id} is already ${r.status}; reopen it with a reason first`);
    return { action: "skip", reason, patch: { status: "skipped", skip_reason: reason } };
  });
}

/** Arguments of `resolveItem`. */
export interface ResolveArgs extends ItemArgs {
  verdict: string;
  note: string;
  sources?: string[];
}

/**
 * Give a verdict with a note (and source URLs). Allowed on open, claimed and resolved-but-not-
 * published items; the item keeps who resolved it and when. Changing a published verdict needs
 * `reopenItem` first.
 *
 * @example
 * resolveItem(db, { id: "3f82", verdict: "false", note: "Treasury data says 0.91", sources: ["https://…"] }, "ana");
 */
export function resolveItem(db: DB, args: ResolveArgs, actor: string = defaultActor()): QueueItem {
  const verdict = args.verdict?.trim().toLowerCase();
  if (!(VERDICTS as readonly string[]).includes(verdict)) throw new WorkflowError("invalid", `unknown verdict '${args.verdict}' (one of ${VERDICTS.join(", ")})`);
  const note = args.note?.trim();
  if (!note) throw new WorkflowError("invalid", "a verdict needs a note saying why (--note TEXT)");
  const sources = (args.sources ?? []).map((s) => s.trim()).filter(Boolean);
  for (const s of sources) {
    let ok = false;
    try {
      ok = ["http:", "https:"].includes(new URL(s).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new WorkflowError("invalid", `source '${s}' is not an http(s) URL`);
  }
  const who = requireActor(actor);
  return change(db, args.id, who, args.expectUpdatedAt, (r, at) => {
    if (r.status === "skipped") throw new WorkflowError("conflict", `item ${r.claim_id} was skipped (${r.skip_reason ?? "no reason"}); reopen it with a reason first`);
    if (r.published) throw new WorkflowError("conflict", `item ${r.claim_id} has a published verdict (${r.verdict}); reopen it with a reason to change it`);
    return {
      action: "resolve",
      reason: r.status !== "resolved" ? null : r.verdict === verdict ? `verdict unchanged: ${verdict}` : `verdict changed from ${r.verdict}`,
      patch: {
        status: "resolved",
        verdict,
        note,
        sources_json: JSON.stringify(sources),
        resolved_by: who,
        resolved_at: at,
        first_verdict_at: r.first_verdict_at ?? at,
        assignee: r.assignee ?? who,
      },
    };
  });
}

/**
 * Reopen a resolved (even published) or skipped item, with a reason. The old verdict, note and
 * sources stay in the audit log; the item goes back to the open queue unassigned.
 *
 * @example
 * reopenItem(db, { id: "3f82", reason: "new figures from the state" }, "ed");
 */
export function reopenItem(db: DB, args: ItemArgs & { reason: string }, actor: string = defaultActor()): QueueItem {
  const reason = args.reason?.trim();
  if (!reason) throw new WorkflowError("invalid", "reopen needs a reason (--reason TEXT)");
  return change(db, args.id, actor, args.expectUpdatedAt, (r) => {
    if (r.status !== "resolved" && r.status !== "skipped") throw new WorkflowError("conflict", `item ${r.claim_id} is ${r.status}; only resolved or skipped items can be reopened`);
    return {
      action: "reopen",
      reason,
      patch: {
        status: "open",
        assignee: null,
        claimed_at: null,
        verdict: null,
        note: null,
        sources_json: "[]",
        resolved_by: null,
        resolved_at: null,
        skip_reason: null,
        published: 0,
        published_by: null,
        published_at: null,
      },
    };
  });
}

/**
 * Lock a resolved verdict as published; changing it afterwards needs `reopenItem` with a reason.
 *
 * @example
 * publishItem(db, { id: "3f82" }, "ed");
 */
export function publishItem(db: DB, args: ItemArgs, actor: string = defaultActor()): QueueItem {
  const who = requireActor(actor);
  return change(db, args.id, who, args.expectUpdatedAt, (r, at) => {
    if (r.status !== "resolved") throw new WorkflowError("conflict", `item ${r.claim_id} is ${r.status}; only a resolved verdict can be published`);
    if (r.published) throw new WorkflowError("conflict", `item ${r.claim_id} was already published by ${r.published_by} at ${r.published_at}`);
    return { action: "publish", patch: { published: 1, published_by: who, published_at: at } };
  });
}

/** A claim like another one, with what the desk already said about it. */
export interface SimilarClaim {
  id: string;
  episode: string;
  episode_title: string | null;
  text: string;
  kind: MatchKind | "manual";
  similarity: number;
  reasons: string[];
  /** True once a person confirmed the match (only then may its verdict be applied). */
  confirmed: boolean;
  status: QueueStatus;
  orphaned: boolean;
  verdict: string | null;
  resolved_at: string | null;
  /** "resolved false on 2026-11-02 in episode X", when it has a verdict. */
  earlier: string | null;
}

function sideOf(c: MatchCandidateRow) {
  return { text: c.text, textHash: c.text_hash, states: c.has_claim ? (c.states ? c.states.split(",") : []) : null };
}

/**
 * Claims like this one: the same text said again (any episode), near-same wording, or other wording
 * with the same numbers and places; candidates come from the FTS5 index. Confirmed matches are
 * always listed. Suggestions first by kind, then by similarity.
 *
 * @example
 * similarClaims(db, { id: "3f82" }).filter((s) => s.verdict);
 */
export function similarClaims(db: DB, args: { id: string }, _actor?: string): SimilarClaim[] {
  const id = resolveItemId(db, args.id);
  const me = matchCandidate(db, id)!;
  const confirmed = new Map(confirmedMatchesOf(db, id).map((m) => [m.other_id, m]));
  const cands = matchCandidates(db, ftsQueryFor(me.text), me.text_hash, 40);
  for (const other of confirmed.keys()) if (!cands.some((c) => c.claim_id === other)) {
    const c = matchCandidate(db, other);
    if (c) cands.push(c);
  }
  const order: Record<string, number> = { "same-text": 0, "near-same": 1, "same-numbers": 2, manual: 3 };
  const out: SimilarClaim[] = [];
  for (const c of cands) {
    if (c.claim_id === id) continue;
    const v = compareClaims(sideOf(me), sideOf(c));
    const conf = confirmed.get(c.claim_id);
    if (!v && !conf) continue;
    out.push({
      id: c.claim_id,
      episode: c.episode_id,
      episode_title: c.episode_title,
      text: c.text,
      kind: v?.kind ?? "manual",
      similarity: v?.similarity ?? 0,
      reasons: v?.reasons ?? [`confirmed by ${conf!.confirmed_by}`],
      confirmed: conf !== undefined,
      status: c.status,
      orphaned: c.orphaned === 1,
      verdict: c.verdict,
      resolved_at: c.resolved_at,
      earlier: c.verdict && c.resolved_at ? `resolved ${c.verdict} on ${c.resolved_at.slice(0, 10)} in episode ${c.episode_title ?? c.episode_id}` : null,
    });
  }
  return out.sort((a, b) => Number(b.confirmed) - Number(a.confirmed) || order[a.kind] - order[b.kind] || b.similarity - a.similarity || a.id.localeCompare(b.id));
}

/** Result of `matchItem`. */
export interface MatchResult {
  id: string;
  similar: SimilarClaim[];
  confirmed?: string;
  applied?: QueueItem;
}

/**
 * Without `confirm`: the match suggestions for an item. With `confirm`: record (and audit, on both
 * items) that a person says the two are the same claim; with `apply` as well, copy the other
 * item's verdict, note and sources to this one as a resolve by `actor`. An earlier verdict is
 * never applied without a confirmation.
 *
 * @example
 * matchItem(db, { id: "3f82", confirm: "9a1b", apply: true }, "ana");
 */
export function matchItem(db: DB, args: { id: string; confirm?: string; apply?: boolean }, actor: string = defaultActor()): MatchResult {
  const id = resolveItemId(db, args.id);
  if (!args.confirm) {
    if (args.apply) throw new WorkflowError("invalid", "--apply needs --confirm OTHER_ID: a verdict is applied only from a confirmed match");
    return { id, similar: similarClaims(db, { id }) };
  }
  const who = requireActor(actor);
  const other = resolveItemId(db, args.confirm);
  if (other === id) throw new WorkflowError("invalid", "an item cannot match itself");
  const applied = inWriteTransaction(db, () => {
    const kind = similarClaims(db, { id }).find((s) => s.id === other)?.kind ?? "manual";
    const at = new Date().toISOString();
    if (insertConfirmedMatch(db, id, other, kind, who, at)) {
      const a = getQueueItem(db, id)!;
      const b = getQueueItem(db, other)!;
      appendAudit(db, { at, actor: who, action: "match-confirm", claim_id: id, episode_id: a.episode_id, before: null, after: { other, kind }, reason: null });
      appendAudit(db, { at, actor: who, action: "match-confirm", claim_id: other, episode_id: b.episode_id, before: null, after: { other: id, kind }, reason: null });
      recomputePriorities(db, { episode: a.episode_id });
      if (b.episode_id !== a.episode_id) recomputePriorities(db, { episode: b.episode_id });
    }
    if (!args.apply) return undefined;
    const src = getQueueItem(db, other)!;
    if (src.status !== "resolved" || !src.verdict) throw new WorkflowError("conflict", `item ${other} has no verdict to apply (it is ${src.status})`);
    return resolveItem(
      db,
      { id, verdict: src.verdict, note: `Same claim as ${other} (confirmed match), resolved ${src.verdict} on ${src.resolved_at?.slice(0, 10)}: ${src.note ?? ""}`.trim(), sources: JSON.parse(src.sources_json || "[]") },
      who,
    );
  });
  return { id, confirmed: other, applied, similar: similarClaims(db, { id }) };
}

/** Everything `queue show` prints about an item. */
export interface ItemDetail {
  item: QueueItem;
  claim: (Provenance & {
    speaker: string;
    claimant: string;
    role: string;
    score: number;
    type: string;
    year: number | null;
  }) | null;
  episode: { id: string; title: string | null; show: string | null; air_date: string | null; source: string } | null;
  context: { idx: number; text: string; line: number; time: number | null; speaker: string | null; current: boolean }[];
  topics: { id: string; label: string | null; weight: number | null; terms: string[] }[];
  quantities: { kind: string; value: number; unit: string; text: string }[];
  states: string[];
  links: { source_id: string; table: string; state: string; year: number; metric: string; value: number; claimed: number | null; note: string | null }[];
  suggestion: { verdict: string; reason: string } | null;
  priority: { value: number; parts: PriorityPart[]; explanation: string };
  similar: SimilarClaim[];
  history: AuditRow[];
}

/**
 * An item with its claim, speaker and claimant, two sentences of context either side, line and
 * time, topics, numbers, places, dataset links and suggestion, the priority explained, similar
 * claims with earlier verdicts, and its audit history.
 *
 * @example
 * showItem(db, { id: "3f82" }).priority.explanation;
 */
export function showItem(db: DB, args: { id: string }, _actor?: string): ItemDetail {
  const id = resolveItemId(db, args.id);
  const item = itemOf(db, id);
  const row = getQueueItem(db, id)!;
  const d = claimDetailRows(db, id, row.episode_id, 2);
  const c = row.orphaned ? undefined : d.claim;
  const parts = JSON.parse(row.priority_json || "[]") as PriorityPart[];
  return {
    item,
    claim: c
      ? {
          speaker: c.speaker,
          claimant: c.claimant,
          role: c.role,
          start_line: c.start_line,
          end_line: c.end_line,
          start_offset: c.start_offset,
          end_offset: c.end_offset,
          start_time: c.start_time,
          end_time: c.end_time,
          score: c.score,
          type: c.type,
          year: c.year,
        }
      : null,
    episode: d.episode ? { id: d.episode.id, title: d.episode.title, show: d.episode.show, air_date: d.episode.air_date, source: d.episode.source_path } : null,
    context: c
      ? d.context.map((s) => ({ idx: s.idx, text: s.text, line: s.start_line, time: s.start_time, speaker: s.claimant ?? s.speaker, current: s.idx === c.sentence_idx }))
      : [],
    topics: c ? d.topics.map((t) => ({ id: t.id, label: t.label, weight: t.weight, terms: JSON.parse(t.terms_json) })) : [],
    quantities: c ? d.quantities : [],
    states: c ? d.states : [],
    links: c ? d.links : [],
    suggestion: c?.suggestion_json ? JSON.parse(c.suggestion_json) : null,
    priority: { value: row.priority, parts, explanation: parts.length ? explainPriority({ priority: row.priority, parts }) : `${row.priority} (not yet computed)` },
    similar: similarClaims(db, { id }),
    history: auditRowsOf(db, id),
  };
}

/**
 * The audit rows of an item, oldest first: who, when, what, before and after.
 *
 * @example
 * itemHistory(db, { id: "3f82" }).map((h) => h.action);
 */
export function itemHistory(db: DB, args: { id: string }, _actor?: string): AuditRow[] {
  return auditRowsOf(db, resolveItemId(db, args.id));
}

/** `queue stats` data. */
export interface QueueStats {
  total: number;
  by_status: Record<string, number>;
  orphaned: number;
  published: number;
  by_checker: { name: string; claimed: number; resolved: number; skipped: number }[];
  /** Hours from ingest to first verdict, over items that got one. */
  to_first_verdict_hours: { n: number; median: number | null; mean: number | null };
  /** Hours from ingest to the current (final) verdict, over resolved items. */
  to_final_verdict_hours: { n: number; median: number | null; mean: number | null };
}

function summary(xs: number[]) {
  if (!xs.length) return { n: 0, median: null, mean: null };
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, median: r(median), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

/**
 * Counts per status and per checker, and the time from ingest to first and to final verdict.
 *
 * @example
 * queueStats(db).by_status.open;
 */
export function queueStats(db: DB, _args: Record<string, never> = {}, _actor?: string): QueueStats {
  const s = queueStatsRows(db);
  const by_status: Record<string, number> = { open: 0, claimed: 0, resolved: 0, skipped: 0 };
  for (const r of s.byStatus) by_status[r.status] = r.n;
  const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;
  return {
    total: Object.values(by_status).reduce((a, b) => a + b, 0) + s.orphaned,
    by_status,
    orphaned: s.orphaned,
    published: s.published,
    by_checker: s.byChecker,
    to_first_verdict_hours: summary(s.timings.map((t) => hours(t.created_at, t.first_verdict_at!))),
    to_final_verdict_hours: summary(s.timings.filter((t) => t.status === "resolved" && t.resolved_at).map((t) => hours(t.created_at, t.resolved_at!))),
  };
}
