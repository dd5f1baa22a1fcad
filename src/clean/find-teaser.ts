import type { Cue, StageContext } from "../core/types.js";

/** Words of a text, lower-cased, without punctuation. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 0);
}

/** Word n-gram shingles of a word list, as strings. */
export function shinglesOf(words: readonly string[], n = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
  return out;
}

/**
 * Find a cold-open teaser: the opening cues of the programme whose words are aired again later
 * (captions differ a little, so the match is fuzzy: the share of each cue's word 3-gram shingles
 * that occur again at least `minGap` cues later). Returns the indices of the teaser cues, or an
 * empty list. The teaser is kept (not dropped) so the segment stage can mark its turn, and the
 * claims stage does not count its claims twice. Reports an info diagnostic `clean/find-teaser`.
 *
 * @example
 * findTeaser(cues, ctx); // [0, 1, 2, 3, 4] when the first five lines repeat a later passage
 */
export function findTeaser(cues: readonly Cue[], ctx?: StageContext, minGap = 10, threshold = 0.5): number[] {
  const n = cues.length;
  if (n < minGap * 2) return [];
  const shingles = cues.map((c) => shinglesOf(wordsOf(c.text.text)));
  // The last cue index at which each shingle occurs: linear in the number of words.
  const last = new Map<string, number>();
  shingles.forEach((list, i) => list.forEach((s) => last.set(s, i)));
  const window = Math.min(60, Math.ceil(n * 0.25));
  const teaser: number[] = [];
  let words = 0;
  for (let i = 0; i < window; i++) {
    const list = shingles[i];
    // A new turn marker after the run has started ends the teaser unless it too is repeated.
    if (list.length === 0) {
      if (teaser.length > 0) break;
      continue;
    }
    let hit = 0;
    for (const s of list) if ((last.get(s) ?? -1) >= i + minGap) hit++;
    if (hit / list.length < threshold) break;
    teaser.push(i);
    words += list.length + 2;
  }
  if (words < 12 || teaser.length === 0 || teaser[0] > 1) return [];
  if (ctx) {
    const a = cues[teaser[0]].text.sourceSpan();
    const b = cues[teaser[teaser.length - 1]].text.sourceSpan();
    if (a && b) ctx.report({ severity: "info", ruleId: "clean/find-teaser", message: `cold-open teaser of ${teaser.length} cues repeats later speech`, span: { start: a.start, end: b.end } });
  }
  return teaser;
}
