import type { DB } from "../store/open.js";
import { queueExportRows, topicRows, type QueueExportRow } from "../store/queue.js";
import { formatTime, mdText } from "./report.js";
import { loadTopicWeights } from "./topic-weights.js";

/** Claim types the digest leaves out: predictions, personal anecdotes, opinions (and "other", the untyped rest). */
export const DIGEST_EXCLUDED_TYPES = ["prediction", "personal", "opinion", "other"] as const;

/** Options of `buildDigest`. */
export interface DigestOptions {
  /** Only items queued at or after this time. */
  since: Date;
  /** How many claims in all (default 15). */
  top?: number;
  /** Only this topic. */
  topic?: string;
  /** Keep every claim type (default: leave out `DIGEST_EXCLUDED_TYPES`). */
  allTypes?: boolean;
  now?: Date;
}

/** One claim in the digest. */
export interface DigestEntry {
  id: string;
  text: string;
  speaker: string | null;
  claimant: string | null;
  role: string | null;
  episode: string;
  episode_title: string | null;
  air_date: string | null;
  line: number | null;
  time: number | null;
  priority: number;
  status: string;
  assignee: string | null;
  verdict: string | null;
  note: string | null;
}

/** The digest as data: claims grouped under their main topic, topics ordered by their best claim. */
export interface Digest {
  since: string;
  generated_at: string;
  total: number;
  episodes: number;
  /** Claim types left out. */
  excluded_types: string[];
  groups: { topic: string; label: string; entries: DigestEntry[] }[];
}

/** Group id for claims without a topic. */
export const NO_TOPIC = "other-topics";

/**
 * Parse `--since`: `24h`, `90m`, `2d`, `1w`, or an ISO date/time. Null when it is neither.
 *
 * @example
 * parseSince("24h", new Date("2026-11-02T12:00:00Z"))?.toISOString(); // "2026-11-01T12:00:00.000Z"
 */
export function parseSince(s: string, now: Date = new Date()): Date | null {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(s.trim());
  if (m) {
    const unit = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2].toLowerCase() as "m"]!;
    return new Date(now.getTime() - Number(m[1]) * unit);
  }
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t) : null;
}

/**
 * The day's top claims per topic: queue items created since `since` that are not skipped or
 * orphaned and not predictions/opinions, the `top` highest-priority ones, each under its
 * highest-weight topic.
 *
 * @example
 * buildDigest(db, { since: parseSince("24h")!, top: 15 }).groups[0].entries[0].text;
 */
export function buildDigest(db: DB, opts: DigestOptions): Digest {
  const excluded = new Set<string>(opts.allTypes ? [] : DIGEST_EXCLUDED_TYPES);
  const rows = queueExportRows(db, { since: opts.since.toISOString(), topic: opts.topic }).filter(
    (r) => !r.orphaned && r.status !== "skipped" && r.text && !excluded.has(r.type ?? "other"),
  );
  const top = rows.slice(0, opts.top ?? 15);
  const weights = loadTopicWeights();
  const topics = new Map(topicRows(db).map((t) => [t.id, t]));
  const weightOf = (id: string) => weights.get(id) ?? topics.get(id)?.weight ?? 1;
  const groups = new Map<string, DigestEntry[]>();
  for (const r of top) {
    const ids = r.topics ? r.topics.split(",") : [];
    const main = opts.topic ?? ids.sort((a, b) => weightOf(b) - weightOf(a) || a.localeCompare(b))[0] ?? NO_TOPIC;
    if (!groups.has(main)) groups.set(main, []);
    groups.get(main)!.push(entryOf(r));
  }
  return {
    since: opts.since.toISOString(),
    generated_at: (opts.now ?? new Date()).toISOString(),
    total: top.length,
    episodes: new Set(top.map((r) => r.episode_id)).size,
    excluded_types: [...excluded],
    groups: [...groups].map(([topic, entries]) => ({ topic, label: topic === NO_TOPIC ? "Other topics" : topics.get(topic)?.label ?? topic, entries })),
  };
}

function entryOf(r: QueueExportRow): DigestEntry {
  return {
    id: r.claim_id,
    text: r.text ?? "",
    speaker: r.speaker,
    claimant: r.claimant,
    role: r.role,
    episode: r.episode_id,
    episode_title: r.episode_title,
    air_date: r.air_date,
    line: r.start_line,
    time: r.start_time,
    priority: r.priority,
    status: r.status,
    assignee: r.assignee,
    verdict: r.verdict,
    note: r.note,
  };
}

const oneLine = (s: string | null | undefined) => mdText(s).trim();

/**
 * Markdown a desk editor can paste into an email or chat: a heading per topic, numbered claims
 * with who said them, where (episode, line, time), the priority and the desk's status or verdict.
 *
 * @example
 * process.stdout.write(renderDigest(buildDigest(db, { since })));
 */
export function renderDigest(d: Digest): string {
  const L: string[] = [`# Fact-check digest: top claims since ${d.since.slice(0, 16).replace("T", " ")} UTC`, ""];
  if (!d.total) {
    L.push("_No new check-worthy claims in this period._", "");
    return L.join("\n");
  }
  L.push(`_${d.total} claim${d.total === 1 ? "" : "s"} from ${d.episodes} episode${d.episodes === 1 ? "" : "s"}, highest priority first.${d.excluded_types.length ? ` Left out: ${d.excluded_types.join(", ")} claims.` : ""}_`, "");
  let n = 0;
  for (const g of d.groups) {
    L.push(`## ${g.label}`, "");
    for (const e of g.entries) {
      const who = e.claimant && e.speaker && e.claimant !== e.speaker ? `${e.claimant} (read by ${e.speaker})` : e.speaker ?? "unknown speaker";
      const where = [`*${oneLine(e.episode_title ?? e.episode)}*${e.air_date ? ` (${e.air_date})` : ""}`, e.line ? `line ${e.line}` : "", formatTime(e.time)].filter(Boolean).join(", ");
      const state = e.verdict ? `**${e.verdict}**${e.note ? `: ${oneLine(e.note)}` : ""}` : e.status === "claimed" ? `being checked by ${oneLine(e.assignee)}` : e.status;
      L.push(`${++n}. “${oneLine(e.text)}”`, `   ${oneLine(who)}${e.role && e.role !== "unknown" ? ` (${e.role})` : ""} · ${where} · priority ${e.priority.toFixed(1)} · ${state}`);
    }
    L.push("");
  }
  return L.join("\n");
}
