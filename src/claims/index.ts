import type { Claim, StageContext, Turn } from "../core/types.js";

/** Options for {@link detectClaims}. */
export interface DetectOptions {
  /** Scores the sentences of one document in order (higher = more check-worthy). */
  scoreDocument: (sentences: readonly string[]) => Float64Array;
  /** Sentences scoring at or above this become claims. */
  threshold: number;
}

/**
 * Score every sentence and keep the check-worthy ones as claims, tagged with topics, numbers,
 * states and a type. Returns the claims and the score of every sentence (episode order).
 * (Walking-skeleton version: no tagging yet.)
 *
 * @example
 * const { claims } = detectClaims(turns, ctx, { scoreDocument, threshold: 0.5 });
 */
export function detectClaims(turns: Turn[], _ctx: StageContext, opts: DetectOptions): { claims: Claim[]; sentenceScores: number[] } {
  const flat = turns.flatMap((t) => t.sentences.map((s, i) => ({ t, s, i })));
  const scores = opts.scoreDocument(flat.map((x) => x.s.normal));
  const claims: Claim[] = [];
  flat.forEach(({ t, s, i }, k) => {
    if (scores[k] < opts.threshold || t.isTeaser) return;
    claims.push({
      turnIndex: t.index,
      sentenceIndex: i,
      text: s.text,
      normal: s.normal,
      score: scores[k],
      type: "other",
      topics: [],
      quantities: [],
      states: [],
      year: null,
      speaker: t.speaker,
      claimant: s.claimant ?? t.speaker,
      startTime: s.startTime,
      endTime: s.endTime,
      fromTeaser: t.isTeaser,
    });
  });
  return { claims, sentenceScores: Array.from(scores) };
}

/**
 * A transparent fallback scorer used until a trained model is present: numbers, states and
 * comparison words make a sentence more check-worthy; questions and short turns less.
 *
 * @example
 * heuristicScore(["California got $0.99 per dollar."])[0] > 0.5; // true
 */
export function heuristicScore(sentences: readonly string[]): Float64Array {
  const out = new Float64Array(sentences.length);
  sentences.forEach((s, i) => {
    let x = -1.5;
    if (/\d/.test(s)) x += 1.5;
    if (/\b(percent|billion|million|trillion|times|more than|less than|per|dollars?)\b/i.test(s)) x += 1;
    if (/\?\s*$/.test(s)) x -= 2;
    if (s.split(/\s+/).length < 6) x -= 1.5;
    out[i] = 1 / (1 + Math.exp(-x));
  });
  return out;
}
