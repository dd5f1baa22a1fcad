import type { ClaimType, EvidenceLink, Quantity, Role, Suggestion, TopicTag } from "../core/types.js";

/** Provenance every stored turn, sentence and claim carries. */
export interface Provenance {
  start_offset: number;
  end_offset: number;
  start_line: number;
  end_line: number;
  start_time: number | null;
  end_time: number | null;
}

/** Everything the pipeline computed for one file, as plain rows ready to store. */
export interface EpisodeRecord {
  episode: {
    id: string;
    source_path: string;
    content_hash: string;
    format: string;
    show: string | null;
    title: string | null;
    air_date: string | null;
    meta: Record<string, unknown>;
    diagnostics: unknown[];
  };
  speakers: { name: string; role: Role; heard_as: string | null }[];
  turns: (Provenance & {
    idx: number;
    speaker: string;
    role: Role;
    confidence: number;
    evidence: string[];
    is_teaser: boolean;
    text: string;
  })[];
  sentences: SentenceColumns;
  claims: (Provenance & {
    id: string;
    text_hash: string;
    sentence_idx: number;
    turn_idx: number;
    speaker: string;
    claimant: string;
    role: Role;
    text: string;
    normal: string;
    score: number;
    type: ClaimType;
    year: number | null;
    from_teaser: boolean;
    topics: TopicTag[];
    quantities: Quantity[];
    states: string[];
    links: EvidenceLink[];
    suggestion: Suggestion | null;
  })[];
}

/**
 * Every sentence of an episode, column by column: entry `i` of each column is sentence `i` (its
 * `idx`). An episode has hundreds of sentences, and a record crosses from a worker thread to the
 * writer: as row objects each sentence's twelve key names are serialised again and the record is
 * ~3× the transcript; as columns the numbers are typed arrays moved without copying, and `normal`
 * is only sent where it differs from `text`.
 */
export interface SentenceColumns {
  count: number;
  turn_idx: Int32Array;
  start_offset: Int32Array;
  end_offset: Int32Array;
  start_line: Int32Array;
  end_line: Int32Array;
  /** Seconds; NaN where the format has no times. */
  start_time: Float64Array;
  end_time: Float64Array;
  score: Float64Array;
  text: string[];
  /** The stutter-free text, or null where it equals `text`. */
  normal: (string | null)[];
  claimant: (string | null)[];
}

/** One sentence as a row: the `sentences` table's columns, with `normal` as `coalesce(normal, text)` (the table stores NULL where they are equal). */
export type SentenceRow = Provenance & { idx: number; turn_idx: number; text: string; normal: string; claimant: string | null; score: number };

/** Empty columns with room for `n` sentences. */
export function sentenceColumns(n: number): SentenceColumns {
  return {
    count: n,
    turn_idx: new Int32Array(n),
    start_offset: new Int32Array(n),
    end_offset: new Int32Array(n),
    start_line: new Int32Array(n),
    end_line: new Int32Array(n),
    start_time: new Float64Array(n),
    end_time: new Float64Array(n),
    score: new Float64Array(n),
    text: new Array<string>(n),
    normal: new Array<string | null>(n),
    claimant: new Array<string | null>(n),
  };
}

/**
 * Sentence `i` as a row.
 *
 * @example
 * sentenceRow(record.sentences, 0).text;
 */
export function sentenceRow(c: SentenceColumns, i: number): SentenceRow {
  return {
    start_offset: c.start_offset[i],
    end_offset: c.end_offset[i],
    start_line: c.start_line[i],
    end_line: c.end_line[i],
    start_time: timeOrNull(c.start_time[i]),
    end_time: timeOrNull(c.end_time[i]),
    idx: i,
    turn_idx: c.turn_idx[i],
    text: c.text[i],
    normal: c.normal[i] ?? c.text[i],
    claimant: c.claimant[i],
    score: c.score[i],
  };
}

/** A time column's entry as stored: NaN (no time) becomes null. */
export function timeOrNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** The buffers of the typed-array columns (to transfer them to another thread without copying). */
export function sentenceBuffers(c: SentenceColumns): ArrayBuffer[] {
  return [c.turn_idx, c.start_offset, c.end_offset, c.start_line, c.end_line, c.start_time, c.end_time, c.score].map((a) => a.buffer as ArrayBuffer);
}

/**
 * Columns from rows (rows in `idx` order), for records built by hand.
 *
 * @example
 * sentencesFromRows([{ idx: 0, turn_idx: 0, text: "Hi.", normal: "Hi.", claimant: null, score: 0.1, ...prov }]).count; // 1
 */
export function sentencesFromRows(rows: readonly SentenceRow[]): SentenceColumns {
  const c = sentenceColumns(rows.length);
  rows.forEach((r, i) => {
    c.turn_idx[i] = r.turn_idx;
    c.start_offset[i] = r.start_offset;
    c.end_offset[i] = r.end_offset;
    c.start_line[i] = r.start_line;
    c.end_line[i] = r.end_line;
    c.start_time[i] = r.start_time ?? NaN;
    c.end_time[i] = r.end_time ?? NaN;
    c.score[i] = r.score;
    c.text[i] = r.text;
    c.normal[i] = r.normal === r.text ? null : r.normal;
    c.claimant[i] = r.claimant;
  });
  return c;
}
