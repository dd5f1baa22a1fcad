import { readFileSync } from "node:fs";
import { decodeSource } from "../core/source.js";
import type { DB } from "./open.js";

/**
 * Ids of queue items whose claim text (or, for orphaned items, old text) contains `text`,
 * case-insensitively for ASCII letters. `%` and `_` are matched literally.
 *
 * @example
 * searchItemIds(db, "per capita").has("ep1:3f8260f8f6f1:0");
 */
export function searchItemIds(db: DB, text: string): Set<string> {
  const pattern = "%" + text.replace(/[\\%_]/g, (m) => "\\" + m) + "%";
  const rows = db
    .prepare(
      `SELECT q.claim_id FROM queue_items q LEFT JOIN claims c ON c.id = q.claim_id AND q.orphaned = 0
       WHERE coalesce(c.text, q.old_text, '') LIKE ? ESCAPE '\\'`,
    )
    .pluck()
    .all(pattern) as string[];
  return new Set(rows);
}

/**
 * Ids of claims linked to at least one dataset figure.
 *
 * @example
 * linkedClaimIds(db).size;
 */
export function linkedClaimIds(db: DB): Set<string> {
  return new Set(db.prepare("SELECT DISTINCT claim_id FROM claim_links").pluck().all() as string[]);
}

/** The choices the queue page's filters offer. */
export interface FilterChoices {
  topics: { id: string; label: string }[];
  episodes: { id: string; title: string | null }[];
  assignees: string[];
}

/**
 * Topics, episodes and assignees that occur in the queue, for the filter menus.
 *
 * @example
 * filterChoices(db).topics.map((t) => t.id);
 */
export function filterChoices(db: DB): FilterChoices {
  return {
    topics: db
      .prepare("SELECT DISTINCT t.id, coalesce(t.label, t.id) AS label FROM topics t JOIN claim_topics ct ON ct.topic_id = t.id ORDER BY label")
      .all() as FilterChoices["topics"],
    episodes: db.prepare("SELECT id, title FROM episodes ORDER BY coalesce(air_date, '') DESC, id").all() as FilterChoices["episodes"],
    assignees: db.prepare("SELECT DISTINCT assignee FROM queue_items WHERE assignee IS NOT NULL ORDER BY assignee").pluck().all() as string[],
  };
}

/** A turn as the claim and episode pages show it. */
export interface WebTurn {
  idx: number;
  speaker: string;
  role: string;
  is_teaser: number;
  start_offset: number;
  end_offset: number;
  start_line: number;
  end_line: number;
  start_time: number | null;
  text: string;
}

/** The claim's own position, for highlighting it inside its turn. */
export interface ClaimPlace {
  id: string;
  episode_id: string;
  turn_idx: number;
  text: string;
  speaker: string;
  claimant: string;
  role: string;
  start_line: number;
  start_time: number | null;
}

/**
 * A claim's turn and `around` turns either side of it, with speakers, roles, lines and times.
 * Undefined when the claim is not stored (an orphaned item).
 *
 * @example
 * claimTurns(db, id, 2)?.turns.length; // up to 5
 */
export function claimTurns(db: DB, claimId: string, around = 2): { claim: ClaimPlace; turns: WebTurn[] } | undefined {
  const claim = db
    .prepare("SELECT id, episode_id, turn_idx, text, speaker, claimant, role, start_line, start_time FROM claims WHERE id = ?")
    .get(claimId) as ClaimPlace | undefined;
  if (!claim) return undefined;
  const turns = db
    .prepare(
      `SELECT idx, speaker, role, is_teaser, start_offset, end_offset, start_line, end_line, start_time, text FROM turns
       WHERE episode_id = ? AND idx BETWEEN ? AND ? ORDER BY idx`,
    )
    .all(claim.episode_id, claim.turn_idx - around, claim.turn_idx + around) as WebTurn[];
  return { claim, turns };
}

/** A dataset figure linked to a claim, with where it comes from and how it was measured. */
export interface LinkedRow {
  source_id: string;
  table: string;
  state: string;
  year: number;
  metric: string;
  value: number;
  claimed: number | null;
  note: string | null;
  publisher: string | null;
  title: string | null;
  url: string | null;
  method: string | null;
  /** A short name for the source (migration 0003). */
  label: string | null;
}

/**
 * The dataset figures linked to a claim, each with its source's publisher, title, URL and method.
 *
 * @example
 * linkedRows(db, id).map((r) => `${r.claimed} vs ${r.value}`);
 */
export function linkedRows(db: DB, claimId: string): LinkedRow[] {
  return db
    .prepare(
      `SELECT l.source_id, l.table_name AS "table", l.state, l.year, l.metric, l.value, l.claimed, l.note,
         s.publisher, s.title, s.url, s.method, s.label
       FROM claim_links l LEFT JOIN dataset_sources s ON s.id = l.source_id WHERE l.claim_id = ? ORDER BY l.ord`,
    )
    .all(claimId) as LinkedRow[];
}

/** Everything the episode page shows. */
export interface EpisodePage {
  episode: { id: string; source_path: string; content_hash: string; format: string; show: string | null; title: string | null; air_date: string | null; diagnostics_json: string };
  turns: WebTurn[];
  speakers: { name: string; role: string; heard_as: string | null; turns: number }[];
  claimsByTurn: Map<number, { id: string; text: string; status: string | null; verdict: string | null }[]>;
}

/**
 * An episode with its turns, speakers (with turn counts) and claims per turn; undefined when
 * the id is unknown.
 *
 * @example
 * episodePage(db, "ep1")?.turns.length;
 */
export function episodePage(db: DB, episodeId: string): EpisodePage | undefined {
  const episode = db
    .prepare("SELECT id, source_path, content_hash, format, show, title, air_date, diagnostics_json FROM episodes WHERE id = ?")
    .get(episodeId) as EpisodePage["episode"] | undefined;
  if (!episode) return undefined;
  const turns = db
    .prepare(
      `SELECT idx, speaker, role, is_teaser, start_offset, end_offset, start_line, end_line, start_time, text FROM turns
       WHERE episode_id = ? ORDER BY idx`,
    )
    .all(episodeId) as WebTurn[];
  const speakers = db
    .prepare(
      `SELECT s.name, s.role, s.heard_as, (SELECT count(*) FROM turns t WHERE t.episode_id = s.episode_id AND t.speaker = s.name) AS turns
       FROM speakers s WHERE s.episode_id = ? ORDER BY turns DESC, s.name`,
    )
    .all(episodeId) as EpisodePage["speakers"];
  const claimsByTurn: EpisodePage["claimsByTurn"] = new Map();
  const claims = db
    .prepare(
      `SELECT c.id, c.text, c.turn_idx, q.status, q.verdict FROM claims c LEFT JOIN queue_items q ON q.claim_id = c.id
       WHERE c.episode_id = ? AND c.from_teaser = 0 ORDER BY c.sentence_idx`,
    )
    .all(episodeId) as { id: string; text: string; turn_idx: number; status: string | null; verdict: string | null }[];
  for (const { turn_idx, ...c } of claims) {
    const list = claimsByTurn.get(turn_idx) ?? [];
    list.push(c);
    claimsByTurn.set(turn_idx, list);
  }
  return { episode, turns, speakers, claimsByTurn };
}

/**
 * The decoded text of an episode's source file, if the file is still there with the content
 * that was ingested (so stored offsets still point into it); else undefined.
 *
 * @example
 * episodeSourceText({ source_path: "transcripts/a.txt", content_hash: "…" })?.slice(0, 40);
 */
export function episodeSourceText(e: { source_path: string; content_hash: string }): string | undefined {
  try {
    const bytes = readFileSync(e.source_path);
    const src = decodeSource(e.source_path, bytes);
    return src.sha256 === e.content_hash ? src.text : undefined;
  } catch {
    return undefined;
  }
}
