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

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Split text into word tokens (letters and digits; apostrophes inside words kept; hyphens and
 * other punctuation separate words). Linear in the text; the regex is compiled once.
 *
 * @example
 * tokenizeWords("National Guards' deployments").map((t) => t.stem); // ["national", "guard", "deployment"]
 */
export function tokenizeWords(text: string): WordToken[] {
  const out: WordToken[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    out.push({ surface: m[0], stem: stemWord(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

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
