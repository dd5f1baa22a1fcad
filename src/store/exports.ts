import type { DB } from "./open.js";
import type { Provenance } from "./records.js";

/** `claimcast episodes --json` row. */
export interface EpisodeSummary {
  id: string;
  source: string;
  format: string;
  show: string | null;
  title: string | null;
  air_date: string | null;
  turns: number;
  claims: number;
}

/**
 * Episodes with their turn and claim counts, by id.
 *
 * @example
 * listEpisodes(db)[0].turns;
 */
export function listEpisodes(db: DB): EpisodeSummary[] {
  return db
    .prepare(
      `SELECT e.id, e.source_path AS source, e.format, e.show, e.title, e.air_date,
         (SELECT count(*) FROM turns t WHERE t.episode_id = e.id) AS turns,
         (SELECT count(*) FROM claims c WHERE c.episode_id = e.id AND c.from_teaser = 0) AS claims
       FROM episodes e ORDER BY e.id`,
    )
    .all() as EpisodeSummary[];
}

/** Whether an episode id exists. */
export function hasEpisode(db: DB, id: string): boolean {
  return db.prepare("SELECT 1 FROM episodes WHERE id = ?").get(id) !== undefined;
}

/** `claimcast export turns` row. */
export interface TurnExport extends Provenance {
  index: number;
  speaker: string;
  role: string;
  confidence: number;
  evidence: string[];
  is_teaser: boolean;
  text: string;
}

/**
 * Turns of one episode in order.
 *
 * @example
 * exportTurns(db, "ep1")[0].speaker;
 */
export function exportTurns(db: DB, episodeId: string): TurnExport[] {
  const rows = db
    .prepare(
      `SELECT idx AS "index", speaker, role, confidence, evidence_json, is_teaser, start_line, end_line, start_offset, end_offset,
         start_time, end_time, text FROM turns WHERE episode_id = ? ORDER BY idx`,
    )
    .all(episodeId) as (Omit<TurnExport, "evidence" | "is_teaser"> & { evidence_json: string; is_teaser: number })[];
  return rows.map(({ evidence_json, is_teaser, ...r }) => ({ ...r, evidence: JSON.parse(evidence_json), is_teaser: is_teaser === 1 }));
}

/** `claimcast export claims` row. */
export interface ClaimExport {
  id: string;
  episode: string;
  speaker: string;
  claimant: string;
  role: string;
  line: number;
  start_line: number;
  end_line: number;
  start_offset: number;
  end_offset: number;
  start_time: number | null;
  end_time: number | null;
  text: string;
  score: number;
  type: string;
  year: number | null;
  topics: string[];
  topic_terms: Record<string, string[]>;
  quantities: { kind: string; value: number; unit: string; text: string }[];
  states: string[];
  links: { source_id: string; table: string; state: string; year: number; metric: string; value: number; claimed: number | null; note: string | null }[];
  suggestion: { verdict: string; reason: string } | null;
  status: string | null;
  verdict: string | null;
  priority: number | null;
  assignee: string | null;
}

/**
 * Claims (not the teaser's repeats), by episode and position, with their tags, links and queue state.
 *
 * @example
 * exportClaims(db, { episode: "ep1" })[0].topics;
 */
export function exportClaims(db: DB, opts: { episode?: string } = {}): ClaimExport[] {
  const rows = db
    .prepare(
      `SELECT c.*, q.status, q.verdict, q.priority, q.assignee FROM claims c LEFT JOIN queue_items q ON q.claim_id = c.id
       WHERE c.from_teaser = 0 AND (@episode IS NULL OR c.episode_id = @episode)
       ORDER BY c.episode_id, c.sentence_idx`,
    )
    .all({ episode: opts.episode ?? null }) as Record<string, any>[];
  const topics = db.prepare("SELECT topic_id, terms_json FROM claim_topics WHERE claim_id = ? ORDER BY topic_id");
  const qtys = db.prepare("SELECT kind, value, unit, text FROM quantities WHERE claim_id = ? ORDER BY ord");
  const states = db.prepare("SELECT state FROM claim_states WHERE claim_id = ? ORDER BY state");
  const links = db.prepare(
    "SELECT source_id, table_name AS \"table\", state, year, metric, value, claimed, note FROM claim_links WHERE claim_id = ? ORDER BY ord",
  );
  return rows.map((r) => {
    const t = topics.all(r.id) as { topic_id: string; terms_json: string }[];
    return {
      id: r.id,
      episode: r.episode_id,
      speaker: r.speaker,
      claimant: r.claimant,
      role: r.role,
      line: r.start_line,
      start_line: r.start_line,
      end_line: r.end_line,
      start_offset: r.start_offset,
      end_offset: r.end_offset,
      start_time: r.start_time,
      end_time: r.end_time,
      text: r.text,
      score: r.score,
      type: r.type,
      year: r.year,
      topics: t.map((x) => x.topic_id),
      topic_terms: Object.fromEntries(t.map((x) => [x.topic_id, JSON.parse(x.terms_json)])),
      quantities: qtys.all(r.id) as ClaimExport["quantities"],
      states: (states.all(r.id) as { state: string }[]).map((s) => s.state),
      links: links.all(r.id) as ClaimExport["links"],
      suggestion: r.suggestion_json ? JSON.parse(r.suggestion_json) : null,
      status: r.status ?? null,
      verdict: r.verdict ?? null,
      priority: r.priority ?? null,
      assignee: r.assignee ?? null,
    };
  });
}
