import { charClass, codePointAt, LETTER, NUMBER } from "../clean/char-class.js";

/** A word of a sentence: its spelling, a lower-cased light stem, and its offsets in the sentence. */
export interface WordToken {
  /** The word as written. */
  surface: string;
  /** Lower-cased, possessive and plural/inflection endings removed (see {@link stemWord}). */
  stem: string;
  /** [start, end) in the text that was tokenized. */
  start: number;
  end: number;
}

/**
 * Split text into word tokens (letters and digits; apostrophes inside words kept; hyphens and
 * other punctuation separate words). Linear in the text: one scan over code points, the same
 * tokens as `/[\p{L}\p{N}]+(?:['’][\p{L}]+)*\/gu`.
 *
 * @example
 * tokenizeWords("National Guards' deployments").map((t) => t.stem); // ["national", "guard", "deployment"]
 */
export function tokenizeWords(text: string): WordToken[] {
  const out: WordToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Find the start of a run of letters or digits.
    let w = widthIf(text, i, LETTER | NUMBER);
    if (w === 0) {
      i += stepAt(text, i);
      continue;
    }
    const start = i;
    i += w;
    while (i < n && (w = widthIf(text, i, LETTER | NUMBER)) > 0) i += w;
    // Apostrophe + letters, repeated.
    while (i + 1 < n) {
      const c = text.charCodeAt(i);
      if (c !== 39 && c !== 0x2019) break;
      let j = i + 1;
      if ((w = widthIf(text, j, LETTER)) === 0) break;
      j += w;
      while (j < n && (w = widthIf(text, j, LETTER)) > 0) j += w;
      i = j;
    }
    const surface = text.slice(start, i);
    out.push({ surface, stem: stemWord(surface), start, end: i });
  }
  return out;
}

/** Code units of the character at `i` when its class has one of `bits`, else 0. */
function widthIf(s: string, i: number, bits: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return bits & LETTER ? 1 : 0;
    return c >= 48 && c <= 57 && bits & NUMBER ? 1 : 0;
  }
  const cp = codePointAt(s, i);
  return charClass(cp) & bits ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Code units of the character at `i` (2 for a surrogate pair). */
function stepAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && codePointAt(s, i) > 0xffff ? 2 : 1;
}

const stems = new Map<string, string>();

/**
 * A light, symmetric stemmer for phrase matching: lower-case, drop a possessive `'s`, then one of
 * `-ies → y`, `-es` after s/x/z/ch/sh, `-s` (not `-ss`, `-us`, `-is`), `-ing`, `-ed`, and finally a
 * trailing `e`. It is not linguistically right ("states" → "stat"), only consistent: terms and text
 * go through the same function, so "secede", "seceded", "secedes" and "seceding" all meet.
 *
 * @example
 * stemWord("Taxes") === stemWord("tax"); // true
 * stemWord("seceding") === stemWord("secede"); // true
 */
export function stemWord(word: string): string {
  // Memoised: words repeat a lot, and the stem depends on the word alone.
  let st = stems.get(word);
  if (st === undefined) {
    st = computeStem(word);
    if (stems.size > 50_000) stems.clear();
    stems.set(word, st);
  }
  return st;
}

function computeStem(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
  else if (/(?:s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}
