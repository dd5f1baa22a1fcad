import type { DB } from "../store/open.js";
import { queueExportRows, type QueueExportRow, type QueueStatus } from "../store/queue.js";
import { WorkflowError, toQueueItem, type QueueItem } from "./workflow.js";
import { formatTime } from "./report.js";

/** Formats of `export queue`. */
export const QUEUE_EXPORT_FORMATS = ["csv", "json", "md", "claimreview"] as const;
/** One of `QUEUE_EXPORT_FORMATS`. */
export type QueueExportFormat = (typeof QUEUE_EXPORT_FORMATS)[number];

/** Numeric ratings on a 1 (worst) to 5 (best) scale; "unverifiable" has none. */
export const VERDICT_RATINGS: Record<string, number> = { true: 5, "mostly-true": 4, "half-true": 3, "mostly-false": 2, misleading: 2, false: 1 };
/** Length above which a ClaimReview's claimReviewed gets a warning (search engines cut it). */
export const CLAIM_REVIEWED_MAX = 75;

/** Options of `exportQueue`. */
export interface QueueExportOptions {
  format: QueueExportFormat;
  /** Only items with this status (see `LIST_STATUSES`); ClaimReview defaults to "published". */
  status?: QueueStatus | "orphaned" | "published";
  /** ClaimReview: the publishing organisation (required). */
  org?: string;
  /** ClaimReview: the base URL of the review pages (required); the item's url is `<base>/<claim id>`. */
  baseUrl?: string;
}

/** The text to write and the warnings to print on stderr. */
export interface QueueExportResult {
  output: string;
  warnings: string[];
  count: number;
  skipped: number;
}

/** A queue item with the episode fields exports add. */
export interface QueueExportItem extends QueueItem {
  role: string | null;
  show: string | null;
  source: string | null;
  episode_url: string | null;
}

function exportItem(r: QueueExportRow): QueueExportItem {
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(r.episode_meta_json ?? "{}");
  } catch {
    meta = {};
  }
  const url = typeof meta.url === "string" ? meta.url : r.source_path && /^https?:\/\//.test(r.source_path) ? r.source_path : null;
  return { ...toQueueItem(r), role: r.role, show: r.show, source: r.source_path, episode_url: url };
}

/**
 * Queue items as CSV, JSON, a Markdown table, or schema.org ClaimReview JSON-LD. ClaimReview
 * needs `org` and `baseUrl`, covers published verdicts (the default status there: a verdict that is
 * resolved but not published is not a review anyone published), dated by when they were published,
 * and skips, with a warning, an item missing a required field (text, a verdict with a numeric
 * rating, a publication date: an unpublished item asked for with another status has none); a
 * claimReviewed over 75 characters gets a warning.
 *
 * @example
 * const { output, warnings } = exportQueue(db, { format: "claimreview", org: "City Desk Fact Check", baseUrl: "https://example.org/checks" });
 */
export function exportQueue(db: DB, opts: QueueExportOptions): QueueExportResult {
  const status = opts.status ?? (opts.format === "claimreview" ? "published" : undefined);
  const items = queueExportRows(db, { status }).map(exportItem);
  switch (opts.format) {
    case "json":
      return { output: JSON.stringify(items, null, 2) + "\n", warnings: [], count: items.length, skipped: 0 };
    case "csv":
      return { output: toCsv(items), warnings: [], count: items.length, skipped: 0 };
    case "md":
      return { output: toMarkdown(items), warnings: [], count: items.length, skipped: 0 };
    case "claimreview": {
      const r = toClaimReview(items, opts);
      if (!opts.status && !items.length) {
        const unpublished = queueExportRows(db, { status: "resolved" }).length;
        if (unpublished) r.warnings.push(`no published verdicts to export (${unpublished} resolved but not published)`);
      }
      return r;
    }
  }
}

const CSV_COLUMNS: (keyof QueueExportItem)[] = [
  "id",
  "episode",
  "episode_title",
  "air_date",
  "display_status",
  "priority",
  "speaker",
  "claimant",
  "line",
  "time",
  "topics",
  "text",
  "assignee",
  "verdict",
  "note",
  "sources",
  "resolved_by",
  "resolved_at",
  "published",
  "published_at",
];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join(" ") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * RFC 4180 CSV with a header row (CRLF line ends; list cells joined by spaces).
 *
 * @example
 * toCsv(items).split("\r\n")[0]; // "id,episode,..."
 */
export function toCsv(items: QueueExportItem[]): string {
  return [CSV_COLUMNS.join(","), ...items.map((i) => CSV_COLUMNS.map((c) => csvCell(i[c])).join(","))].join("\r\n") + "\r\n";
}

const mdCell = (s: unknown) => String(s ?? "").replace(/\|/g, "\\|").replace(/\s+/g, " ");

/**
 * A Markdown table of the items.
 *
 * @example
 * toMarkdown(items).startsWith("| Claim |"); // true
 */
export function toMarkdown(items: QueueExportItem[]): string {
  const L = ["| Claim | Said by | Episode | Line | Status | Verdict | Note |", "|---|---|---|---:|---|---|---|"];
  for (const i of items)
    L.push(
      `| ${mdCell(i.text)} | ${mdCell(i.claimant ?? i.speaker)} | ${mdCell(i.episode_title ?? i.episode)} | ${i.line ?? ""} | ${i.display_status}${i.assignee ? ` (${mdCell(i.assignee)})` : ""} | ${mdCell(i.verdict)}${i.published ? " (published)" : ""} | ${mdCell(i.note)}${i.sources.length ? " " + i.sources.map((s) => `<${s}>`).join(" ") : ""} |`,
    );
  return L.join("\n") + "\n";
}

const UNKNOWN_PERSON = /^(unknown|speaker \d+|listener)$/i;

function toClaimReview(items: QueueExportItem[], opts: QueueExportOptions): QueueExportResult {
  const org = opts.org?.trim();
  const base = opts.baseUrl?.trim().replace(/\/+$/, "");
  if (!org) throw new WorkflowError("invalid", "ClaimReview needs the publishing organisation: --org NAME or $CLAIMCAST_ORG");
  if (!base || !/^https?:\/\//.test(base)) throw new WorkflowError("invalid", "ClaimReview needs --base-url with an http(s) URL (each review's url is <base>/<claim id>)");
  const warnings: string[] = [];
  const reviews: Record<string, unknown>[] = [];
  for (const i of items) {
    const missing: string[] = [];
    const text = (i.text ?? "").trim();
    if (!text) missing.push("claimReviewed (claim text)");
    if (!i.verdict) missing.push("reviewRating (no verdict)");
    else if (VERDICT_RATINGS[i.verdict] === undefined) missing.push(`reviewRating.ratingValue ('${i.verdict}' has no numeric rating)`);
    // datePublished is when the review was published: a verdict never published has none.
    const date = i.published ? i.published_at?.slice(0, 10) : undefined;
    if (!date) missing.push(i.published ? "datePublished" : "datePublished (the verdict is not published)");
    if (missing.length) {
      warnings.push(`skipped ${i.id}: missing ${missing.join(", ")}`);
      continue;
    }
    if (text.length > CLAIM_REVIEWED_MAX) warnings.push(`${i.id}: claimReviewed is ${text.length} characters (over ${CLAIM_REVIEWED_MAX}; search results may cut it)`);
    const appearance: Record<string, unknown> = {
      "@type": i.time !== null ? "AudioObject" : "CreativeWork",
      name: i.episode_title ?? i.episode,
    };
    if (i.episode_url) appearance.url = i.episode_url;
    if (i.air_date) appearance.datePublished = i.air_date;
    if (i.time !== null) {
      appearance.startOffset = i.time;
      appearance.timestamp = formatTime(i.time);
    }
    if (i.line !== null) appearance.position = `line ${i.line}`;
    const itemReviewed: Record<string, unknown> = { "@type": "Claim" };
    const claimant = i.claimant && !UNKNOWN_PERSON.test(i.claimant) ? i.claimant : null;
    if (claimant) itemReviewed.author = { "@type": "Person", name: claimant };
    if (i.air_date) itemReviewed.datePublished = i.air_date;
    itemReviewed.appearance = appearance;
    reviews.push({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `${base}/${encodeURIComponent(i.id)}`,
      claimReviewed: text,
      itemReviewed,
      author: { "@type": "Organization", name: org },
      datePublished: date,
      reviewRating: { "@type": "Rating", ratingValue: VERDICT_RATINGS[i.verdict!], bestRating: 5, worstRating: 1, alternateName: i.verdict },
      reviewBody: i.note ?? undefined,
      citation: i.sources.length ? i.sources : undefined,
    });
  }
  return { output: JSON.stringify(reviews, null, 2) + "\n", warnings, count: reviews.length, skipped: items.length - reviews.length };
}
