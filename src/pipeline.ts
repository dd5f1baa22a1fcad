import { basename, extname } from "node:path";
import * as crypto from "node:crypto";
import type { Diagnostic } from "./core/diagnostic.js";
import { lineOfFrom, type Source } from "./core/source.js";
import type { FormatId, StageContext, Turn } from "./core/types.js";
import type { MappedText } from "./core/mapped-text.js";
import { readTranscript } from "./read/index.js";
import { cleanTranscript } from "./clean/index.js";
import { segmentTurns } from "./segment/index.js";
import { detectClaims } from "./claims/index.js";
import { linkClaims, type Dataset } from "./link/index.js";
import { sentenceColumns, type EpisodeRecord, type Provenance, type SentenceColumns } from "./store/records.js";
import type { Scorer } from "./claims/scorer.js";

/** What the pipeline needs besides the file. */
export interface PipelineOptions {
  scorer: Scorer;
  dataset: Dataset;
  format?: FormatId;
}

/** Time spent per stage, in milliseconds (for the benchmark). */
export type StageTimes = Record<"decode" | "read" | "clean" | "segment" | "claims" | "link" | "rows" | "store", number>;

/**
 * Episode id of a file: its base name without extension.
 *
 * @example
 * episodeIdOf("transcripts/002_ab.txt"); // "002_ab"
 */
export function episodeIdOf(path: string): string {
  return basename(path, extname(path));
}

/**
 * Run one decoded file through every stage (no I/O): read → clean → segment → claims → link,
 * and return plain rows with provenance, ready for the store.
 *
 * @example
 * const { record } = processSource(source, { scorer, dataset });
 */
export function processSource(source: Source, opts: PipelineOptions): { record: EpisodeRecord; times: StageTimes } {
  const diagnostics: Diagnostic[] = [];
  const ctx: StageContext = { source, report: (d) => diagnostics.push(d) };
  const times: StageTimes = { decode: 0, read: 0, clean: 0, segment: 0, claims: 0, link: 0, rows: 0, store: 0 };
  let t = performance.now();
  const lap = (k: keyof StageTimes) => {
    const n = performance.now();
    times[k] += n - t;
    t = n;
  };

  const read = readTranscript(ctx, opts.format);
  diagnostics.push(...read.diagnostics);
  lap("read");
  const clean = cleanTranscript(read, ctx);
  lap("clean");
  const turns = segmentTurns(clean, ctx);
  lap("segment");
  const { claims, sentenceScores } = detectClaims(turns, ctx, { scoreDocument: opts.scorer.scoreDocument, threshold: opts.scorer.threshold });
  lap("claims");
  const linked = linkClaims(claims, opts.dataset, { airDate: clean.meta.airDate });
  lap("link");

  const id = episodeIdOf(source.path);
  // Provenance of a text. Rows come in source order (mostly), so each kind of row searches for
  // its lines from the previous row's line (`lineOfFrom`, which is `lineOf` from a hint). The row
  // literals below copy these fields one by one: a literal that spreads `...prov()` was V8's slow
  // path (object spread, then 8-14 more properties), ~4 µs a turn and ~10 µs a claim.
  const prov = (text: MappedText, startTime: number | null, endTime: number | null, hint: number): Provenance => {
    const span = text.sourceSpan() ?? { start: 0, end: 0 };
    const startLine = lineOfFrom(source, hint, span.start);
    return {
      start_offset: span.start,
      end_offset: span.end,
      start_line: startLine,
      end_line: lineOfFrom(source, startLine, Math.max(span.start, span.end - 1)),
      start_time: startTime,
      end_time: endTime,
    };
  };
  const roleOf = new Map(turns.map((tu) => [tu.index, tu.role] as const));
  const speakers = new Map<string, EpisodeRecord["speakers"][number]>();
  for (const tu of turns) if (!speakers.has(tu.speaker)) speakers.set(tu.speaker, { name: tu.speaker, role: tu.role, heard_as: tu.heardAs ?? null });

  const { sentences, firstSentence } = sentenceRows(source, turns, sentenceScores);

  const seen = new Map<string, number>();
  let line = 1;
  const claimRows: EpisodeRecord["claims"] = claims.map((c, k) => {
    const textHash = hashClaimText(c.normal);
    const ord = seen.get(textHash) ?? 0;
    seen.set(textHash, ord + 1);
    const p = prov(c.text, c.startTime, c.endTime, line);
    line = p.start_line;
    return {
      start_offset: p.start_offset,
      end_offset: p.end_offset,
      start_line: p.start_line,
      end_line: p.end_line,
      start_time: p.start_time,
      end_time: p.end_time,
      id: `${id}:${textHash}:${ord}`,
      text_hash: textHash,
      sentence_idx: (firstSentence.get(c.turnIndex) ?? 0) + c.sentenceIndex,
      turn_idx: c.turnIndex,
      speaker: c.speaker,
      claimant: c.claimant,
      role: roleOf.get(c.turnIndex) ?? "unknown",
      text: c.text.text,
      normal: c.normal,
      score: c.score,
      type: c.type,
      year: c.year,
      from_teaser: c.fromTeaser,
      topics: c.topics,
      quantities: c.quantities,
      states: c.states,
      links: linked[k]?.links ?? [],
      suggestion: linked[k]?.suggestion ?? null,
    };
  });

  line = 1;
  const turnRows: EpisodeRecord["turns"] = turns.map((tu) => {
    const p = prov(tu.text, tu.startTime, tu.endTime, line);
    line = p.start_line;
    return {
      start_offset: p.start_offset,
      end_offset: p.end_offset,
      start_line: p.start_line,
      end_line: p.end_line,
      start_time: p.start_time,
      end_time: p.end_time,
      idx: tu.index,
      speaker: tu.speaker,
      role: tu.role,
      confidence: tu.confidence,
      evidence: tu.evidence,
      is_teaser: tu.isTeaser,
      text: tu.text.text,
    };
  });

  const record: EpisodeRecord = {
    episode: {
      id,
      source_path: source.path,
      content_hash: source.sha256,
      format: read.format,
      show: clean.meta.show ?? null,
      title: clean.meta.title ?? null,
      air_date: clean.meta.airDate ?? null,
      meta: { ...clean.meta, scorer: opts.scorer.name },
      diagnostics,
    },
    speakers: [...speakers.values()],
    turns: turnRows,
    sentences,
    claims: claimRows,
  };
  lap("rows");
  return { record, times };
}

/**
 * Sentence columns of an episode's turns, and the index of each turn's first sentence (claims
 * name their sentence by turn and position in it). Each sentence's lines are searched from the
 * previous sentence's line.
 */
function sentenceRows(source: Source, turns: readonly Turn[], sentenceScores: ArrayLike<number>): { sentences: SentenceColumns; firstSentence: Map<number, number> } {
  const sentenceCount = turns.reduce((n, tu) => n + tu.sentences.length, 0);
  const sentences = sentenceColumns(sentenceCount);
  const firstSentence = new Map<number, number>();
  let sIdx = 0;
  let line = 1;
  for (const tu of turns) {
    firstSentence.set(tu.index, sIdx);
    for (const s of tu.sentences) {
      const span = s.text.sourceSpan() ?? { start: 0, end: 0 };
      sentences.turn_idx[sIdx] = tu.index;
      sentences.start_offset[sIdx] = span.start;
      sentences.end_offset[sIdx] = span.end;
      line = lineOfFrom(source, line, span.start);
      sentences.start_line[sIdx] = line;
      sentences.end_line[sIdx] = lineOfFrom(source, line, Math.max(span.start, span.end - 1));
      sentences.start_time[sIdx] = s.startTime ?? NaN;
      sentences.end_time[sIdx] = s.endTime ?? NaN;
      sentences.score[sIdx] = sentenceScores[sIdx];
      const text = s.text.text;
      sentences.text[sIdx] = text;
      sentences.normal[sIdx] = s.normal === text ? null : s.normal;
      sentences.claimant[sIdx] = s.claimant ?? null;
      sIdx++;
    }
  }
  return { sentences, firstSentence };
}

/**
 * Stable key of a claim's wording: lower-cased, punctuation and spacing removed, hashed.
 * A claim keeps its id (and its queue item) as long as its normalised words do not change.
 *
 * @example
 * hashClaimText("California got $0.99.") === hashClaimText("california got $0.99"); // true
 */
export function hashClaimText(normal: string): string {
  const key = normal.toLowerCase().replace(/[^\p{L}\p{N}$%.]+/gu, " ").replace(/\.(?!\d)/g, "").trim();
  return sha1Hex(key).slice(0, 12);
}

/**
 * Hex sha1 of a string: the one-shot `crypto.hash` where Node has it (20.12 and later; a quarter of
 * the cost of a `createHash` object per claim), `createHash` before. Same digest either way.
 *
 * @example
 * sha1Hex("").slice(0, 8); // "da39a3ee"
 */
export const sha1Hex: (s: string) => string =
  typeof crypto.hash === "function" ? (s) => crypto.hash("sha1", s, "hex") : (s) => crypto.createHash("sha1").update(s).digest("hex");
