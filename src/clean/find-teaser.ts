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

/** For each ASCII code unit: its lower case if it is a word character ([A-Za-z0-9']), else 0. */
const WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c >= 65 && c <= 90)) WORD_CHAR[c] = lowerAscii(c);

/** ASCII lower case of a UTF-16 code unit (other units unchanged). */
function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Word ids by the word's lower-cased spelling, like a `Map<string, number>` that assigns ids in
 * order of first sight, but looked up by a range of a text: in ASCII text a word is hashed and
 * compared where it stands, so the scan of a cue builds no lower-cased copy and no substring per
 * word (a word is copied once, when it is first seen). Open addressing, FNV-1a hash.
 */
class WordIds {
  /** Word of each id (lower case). */
  private words: string[] = [];
  /** Hash of each id's word. */
  private hashes: number[] = [];
  /** Slots: id + 1, or 0 for empty. Length is a power of two, at most half full. */
  private slots = new Int32Array(1024);

  get size(): number {
    return this.words.length;
  }

  /** The hash ({@link WordIds.hash}) of the word with this id. */
  hashOf(id: number): number {
    return this.hashes[id];
  }

  /** Hash of the ASCII-lower-cased code units [start, end) of `s`. */
  static hash(s: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ lowerAscii(s.charCodeAt(i)), 0x01000193);
    return h;
  }

  /**
   * Id of the word [start, end) of `s`, ASCII-lower-cased (the caller has checked the range is
   * ASCII, or passes a word already lower-cased). `hash` is {@link WordIds.hash} of the range.
   * A new word gets the next id when `insert` is set; otherwise the answer is -1.
   */
  id(s: string, start: number, end: number, hash: number, insert: boolean): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at];
      if (slot === 0) break;
      const id = slot - 1;
      if (this.hashes[id] !== hash) continue;
      const w = this.words[id];
      if (w.length !== len) continue;
      let k = 0;
      while (k < len && w.charCodeAt(k) === lowerAscii(s.charCodeAt(start + k))) k++;
      if (k === len) return id;
    }
    if (!insert) return -1;
    const id = this.words.length;
    this.words.push(s.slice(start, end).toLowerCase());
    this.hashes.push(hash);
    if (2 * this.words.length > this.slots.length) this.grow();
    else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let at = this.hashes[id] & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = id + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.words.length; id++) this.place(id);
  }
}

/**
 * Word ids of texts, one text at a time: {@link WordScanner.scan} leaves the ids of a text's words
 * ({@link wordsOf}) in `ids[0..count)`, reusing one buffer for every text.
 */
class WordScanner {
  readonly vocabulary = new WordIds();
  /** Ids of the last scanned text's words; -1 for a word the vocabulary does not know. */
  ids = new Int32Array(256);

  /**
   * Scan a text: with `insert`, a new word gets the next id; without, it gets -1. Returns the
   * number of words, or -1 when the vocabulary would outgrow {@link MAX_WORD_IDS}. ASCII text is
   * scanned in place; other text goes through {@link wordsOf}.
   */
  scan(text: string, insert: boolean): number {
    const vocabulary = this.vocabulary;
    // ASCII: word characters are [A-Za-z0-9'] (what wordsOf keeps of ASCII text).
    const n = text.length;
    let count = 0;
    let start = -1;
    let h = 0;
    let i = 0;
    for (; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 32;
      if (c >= 128) break;
      const w = WORD_CHAR[c];
      if (w !== 0) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ w, 0x01000193);
      } else if (start >= 0) {
        if (!this.push(count++, vocabulary.id(text, start, i, h, insert))) return -1;
        start = -1;
      }
    }
    if (i > n) return count;
    // Non-ASCII text: lower-casing may change lengths and word limits from here on, so split the
    // whole text the reference way. The words that ended before this point are its first `count`
    // words (ASCII lower-cases in place), already scanned: go on after them.
    const words = wordsOf(text);
    for (let k = count; k < words.length; k++) {
      const w = words[k];
      if (!this.push(k, vocabulary.id(w, 0, w.length, WordIds.hash(w, 0, w.length), insert))) return -1;
    }
    return words.length;
  }

  /** Store the id of word `k`; false on vocabulary overflow. */
  private push(k: number, id: number): boolean {
    if (id >= MAX_WORD_IDS) return false;
    if (k === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[k] = id;
    return true;
  }
}

/**
 * Where the word 3-gram shingles of some texts (the needles) occur in the other texts: `shingles[i]`
 * is needle i's shingles in order (undefined for the others), and `where` gives for each of those
 * shingles the other texts that hold it, ascending, each once. Equal shingles are equal keys (the
 * words compared as `wordsOf` gives them), but only the needles' words get ids (a key is the three ids
 * in base `size` of that vocabulary). The other texts are only scanned: each word is hashed where it stands, and
 * only where the hashes of three words in a row are marked as a needle shingle's are the words
 * looked up (a word outside the needles' vocabulary cannot be part of a needle's shingle). Falls
 * back to string shingles of every text when the needles' vocabulary is too large for numeric keys.
 *
 * @example
 * shingleHits(["a b c d", "x a b c"], [true, false]).where; // Map { <a b c> => [1], <b c d> => [] }
 */
export function shingleHits(texts: readonly string[], needle: readonly boolean[]): { shingles: ((number | string)[] | undefined)[]; where: Map<number | string, number[]> } {
  const scanner = new WordScanner();
  const needleIds: (Int32Array | undefined)[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    if (!needle[i]) continue;
    const count = scanner.scan(texts[i], true);
    if (count < 0) return shingleHitsByString(texts, needle);
    needleIds[i] = scanner.ids.slice(0, count);
  }
  const vocabulary = scanner.vocabulary;
  const size = vocabulary.size;
  const shingles: (number[] | undefined)[] = new Array(texts.length);
  const where = new Map<number, number[]>();
  const marks = new Uint8Array(SHINGLE_MARKS);
  for (let i = 0; i < texts.length; i++) {
    const ids = needleIds[i];
    if (!ids) continue;
    const list: number[] = [];
    for (let k = 2; k < ids.length; k++) {
      const key = (ids[k - 2] * size + ids[k - 1]) * size + ids[k];
      list.push(key);
      if (!where.has(key)) where.set(key, []);
      marks[shingleMark(vocabulary.hashOf(ids[k - 2]), vocabulary.hashOf(ids[k - 1]), vocabulary.hashOf(ids[k]))] = 1;
    }
    shingles[i] = list;
  }
  if (where.size === 0) return { shingles, where };
  /** Record text i at the shingle of words [s0, e0) [s1, e1) [s2, e2) of `t`, if it is a needle's. */
  const hit = (t: string, i: number, s0: number, e0: number, h0: number, s1: number, e1: number, h1: number, s2: number, e2: number, h2: number) => {
    const c = vocabulary.id(t, s2, e2, h2, false);
    if (c < 0) return;
    const b = vocabulary.id(t, s1, e1, h1, false);
    if (b < 0) return;
    const a = vocabulary.id(t, s0, e0, h0, false);
    if (a < 0) return;
    const list = where.get((a * size + b) * size + c);
    if (list !== undefined && list[list.length - 1] !== i) list.push(i);
  };
  for (let i = 0; i < texts.length; i++) {
    if (needle[i]) continue;
    const t = texts[i];
    const n = t.length;
    // The last three words: [s0, e0) with hash h0, [s1, e1) with h1, and the one being read.
    let s0 = 0, e0 = 0, h0 = 0, s1 = 0, e1 = 0, h1 = 0;
    let words = 0;
    let start = -1;
    let h = 0;
    let j = 0;
    // ASCII: word characters are [A-Za-z0-9'] (what wordsOf keeps of ASCII text), hashed in place.
    for (; j <= n; j++) {
      const ch = j < n ? t.charCodeAt(j) : 32;
      if (ch >= 128) break;
      const w = WORD_CHAR[ch];
      if (w !== 0) {
        if (start < 0) {
          start = j;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ w, 0x01000193);
      } else if (start >= 0) {
        if (++words >= 3 && marks[shingleMark(h0, h1, h)] !== 0) hit(t, i, s0, e0, h0, s1, e1, h1, start, j, h);
        s0 = s1;
        e0 = e1;
        h0 = h1;
        s1 = start;
        e1 = j;
        h1 = h;
        start = -1;
      }
    }
    if (j > n) continue;
    // Non-ASCII text: lower-casing may change lengths and word limits, so split the whole text the
    // reference way (shingles already recorded for this text are found again; a text is listed once).
    const ws = wordsOf(t);
    const hs = ws.map((x) => WordIds.hash(x, 0, x.length));
    for (let k = 2; k < ws.length; k++)
      if (marks[shingleMark(hs[k - 2], hs[k - 1], hs[k])] !== 0) hit(ws[k - 2] + ws[k - 1] + ws[k], i, 0, ws[k - 2].length, hs[k - 2], ws[k - 2].length, ws[k - 2].length + ws[k - 1].length, hs[k - 1], ws[k - 2].length + ws[k - 1].length, ws[k - 2].length + ws[k - 1].length + ws[k].length, hs[k]);
  }
  return { shingles, where };
}

/** Size of the mark table of {@link shingleHits}. */
const SHINGLE_MARKS = 1 << 16;

/** Mark slot of a shingle from its three word hashes (equal words, equal slot). */
function shingleMark(h0: number, h1: number, h2: number): number {
  const x = Math.imul(Math.imul(h0, 0x9e3779b1) ^ h1, 0x85ebca6b) ^ h2;
  return (x ^ (x >>> 16)) & (SHINGLE_MARKS - 1);
}

/** {@link shingleHits} with string shingles (any vocabulary size). */
function shingleHitsByString(texts: readonly string[], needle: readonly boolean[]): { shingles: (string[] | undefined)[]; where: Map<number | string, number[]> } {
  const shingles = texts.map((t, i) => (needle[i] ? shinglesOf(wordsOf(t)) : undefined));
  const where = new Map<number | string, number[]>();
  for (const list of shingles) if (list) for (const s of list) if (!where.has(s)) where.set(s, []);
  texts.forEach((t, i) => {
    if (needle[i]) return;
    for (const s of shinglesOf(wordsOf(t))) {
      const list = where.get(s);
      if (list !== undefined && list[list.length - 1] !== i) list.push(i);
    }
  });
  return { shingles, where };
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
  const window = Math.min(60, Math.ceil(n * 0.25));
  const { shingles, last } = windowShingles(cues, window);
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

/**
 * Shingles of the opening `window` cues, and for each of them the last cue index at which it
 * occurs. Only the opening's words get ids: a later word outside that vocabulary cannot be part of
 * an opening shingle, so later cues are only scanned (no id, no key, no string for such words).
 * With the vocabulary known, a shingle's key is its ids in base `size` (a small integer for a
 * small vocabulary). Falls back to string shingles of every cue when the opening's vocabulary is
 * too large for numeric keys.
 */
function windowShingles(cues: readonly Cue[], window: number): { shingles: (number | string)[][]; last: Map<number | string, number> } {
  const scanner = new WordScanner();
  const openingIds: Int32Array[] = [];
  for (let i = 0; i < window; i++) {
    const count = scanner.scan(cues[i].text.text, true);
    if (count < 0) return windowShinglesByString(cues, window);
    openingIds.push(scanner.ids.slice(0, count));
  }
  const size = scanner.vocabulary.size;
  const key = (a: number, b: number, c: number) => (a * size + b) * size + c;
  const shingles: number[][] = [];
  const last = new Map<number, number>();
  openingIds.forEach((ids, i) => {
    const list: number[] = [];
    for (let k = 2; k < ids.length; k++) list.push(key(ids[k - 2], ids[k - 1], ids[k]));
    for (const s of list) last.set(s, i);
    shingles.push(list);
  });
  for (let i = window; i < cues.length; i++) {
    const count = scanner.scan(cues[i].text.text, false);
    const ids = scanner.ids;
    for (let k = 2; k < count; k++) {
      const a = ids[k - 2];
      const b = ids[k - 1];
      const c = ids[k];
      if (a < 0 || b < 0 || c < 0) continue;
      const s = key(a, b, c);
      if (last.has(s)) last.set(s, i);
    }
  }
  return { shingles, last };
}

/** {@link windowShingles} with string shingles (any vocabulary size). */
function windowShinglesByString(cues: readonly Cue[], window: number): { shingles: string[][]; last: Map<number | string, number> } {
  const shingles = cues.map((c) => shinglesOf(wordsOf(c.text.text)));
  const last = new Map<number | string, number>();
  for (let i = 0; i < window; i++) for (const s of shingles[i]) last.set(s, i);
  for (let i = window; i < cues.length; i++) for (const s of shingles[i]) if (last.has(s)) last.set(s, i);
  return { shingles: shingles.slice(0, window), last };
}
