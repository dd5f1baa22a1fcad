import type { Cue, StageContext } from "../core/types.js";
import { charClass, codePointAt, LETTER, NUMBER } from "./char-class.js";

/** Words of a text, lower-cased, without punctuation. */
export function wordsOf(text: string): string[] {
  // Same as lower-casing, mapping ’ to ', and splitting at /[^\p{L}\p{N}']+/u; by a scan.
  const t = text.toLowerCase();
  const out: string[] = [];
  const n = t.length;
  let start = -1;
  let curly = false;
  for (let i = 0; i < n; ) {
    const c = t.charCodeAt(i);
    let inWord: boolean;
    let step = 1;
    if (c < 128) inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c >= 65 && c <= 90);
    else if (c === 0x2019) {
      inWord = true;
      curly = true;
    } else {
      const cp = codePointAt(t, i);
      if (cp > 0xffff) step = 2;
      inWord = (charClass(cp) & (LETTER | NUMBER)) !== 0;
    }
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(curly ? t.slice(start, i).replace(/’/g, "'") : t.slice(start, i));
      start = -1;
      curly = false;
    }
    i += step;
  }
  if (start >= 0) out.push(curly ? t.slice(start).replace(/’/g, "'") : t.slice(start));
  return out;
}

/** Word n-gram shingles of a word list, as strings. */
export function shinglesOf(words: readonly string[], n = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
  return out;
}

/** Word ids below this keep a 3-gram key (3 × 17 bits) an exact integer. */
const MAX_WORD_IDS = 1 << 17;

/**
 * Word 3-gram shingles of a text as numbers: each word gets an id from `ids` (shared by the texts
 * compared), and a shingle is its three ids in one integer, so equal shingles are equal numbers
 * without building strings. Null when the vocabulary outgrows the encoding (use
 * {@link shinglesOf} then).
 *
 * @example
 * const ids = new Map<string, number>();
 * shingleKeys("a b c d", ids)?.length; // 2
 */
export function shingleKeys(text: string, ids: Map<string, number>): number[] | null {
  const words = wordsOf(text);
  const out: number[] = [];
  let a = 0;
  let b = 0;
  for (let i = 0; i < words.length; i++) {
    let id = ids.get(words[i]);
    if (id === undefined) {
      id = ids.size;
      if (id >= MAX_WORD_IDS) return null;
      ids.set(words[i], id);
    }
    if (i >= 2) out.push((a * MAX_WORD_IDS + b) * MAX_WORD_IDS + id);
    a = b;
    b = id;
  }
  return out;
}

/** Shingles of every text: numbers when the vocabulary allows, strings otherwise (same equalities). */
export function shinglesOfAll(texts: readonly string[]): (number | string)[][] {
  const ids = new Map<string, number>();
  const out: number[][] = [];
  for (const t of texts) {
    const keys = shingleKeys(t, ids);
    if (!keys) return texts.map((x) => shinglesOf(wordsOf(x)));
    out.push(keys);
  }
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
  const shingles = shinglesOfAll(cues.map((c) => c.text.text));
  const window = Math.min(60, Math.ceil(n * 0.25));
  // The last cue index at which each shingle of the opening window occurs: linear in the number of words.
  const last = new Map<number | string, number>();
  for (let i = 0; i < window; i++) for (const s of shingles[i]) last.set(s, i);
  for (let i = window; i < n; i++) for (const s of shingles[i]) if (last.has(s)) last.set(s, i);
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
