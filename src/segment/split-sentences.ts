import type { MappedText } from "../core/mapped-text.js";
import type { Cue, Sentence } from "../core/types.js";
import { charClass, codePointAt, isSpace, LETTER, NUMBER } from "../clean/char-class.js";

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Lt|Gen|St|Mt|Ft|Jr|Sr|vs|v|etc|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec|U\.S|D\.C)|(?:^|\s)[A-Z])\.$/;

/**
 * Split a turn's text (caption lines already joined) into sentences at `.`, `?`, `!`, across the
 * old line breaks, without breaking after abbreviations such as "Ms.". Each sentence keeps its
 * original wording and offsets in `text`, and gets a normalised layer in `normal` (see
 * {@link normalizeSentence}); `rename` maps misheard names to the show's spelling in `normal`.
 * Times come from the cue in which the sentence starts and the one in which it ends.
 *
 * @example
 * splitSentences(MappedText.inserted("Hmm. I, I think so."), [])[1].normal; // "I think so."
 */
export function splitSentences(text: MappedText, cues: readonly Cue[] | CueIndex, rename: ReadonlyMap<string, string> = NO_RENAME): Sentence[] {
  const byOffset = cues instanceof CueIndex ? cues : new CueIndex(cues);
  const out: Sentence[] = [];
  const t = text.text;
  const re = /[.?!]+["”’)]*(?=\s|$)/g;
  let start = 0;
  const push = (end: number) => {
    // Trim on the string first, so the mapped text is sliced once.
    let a = start;
    let b = end;
    start = end;
    while (a < b && isSpace(t.charCodeAt(a))) a++;
    while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
    if (a === b || !hasLetterOrNumber(t, a, b)) return;
    const s = text.slice(a, b);
    const span = s.sourceSpan();
    const first = span ? byOffset.at(span.start) : undefined;
    const last = span ? byOffset.at(span.end - 1) : undefined;
    out.push({ text: s, normal: normalizeSentence(s.text, rename), startTime: first?.startTime ?? null, endTime: last?.endTime ?? null });
  };
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const end = m.index + m[0].length;
    if (m[0] === "." && ABBREVIATION.test(t.slice(Math.max(0, m.index - 5), end))) continue;
    push(end);
  }
  push(t.length);
  return out;
}

/** Fillers dropped from the normalised layer: "um", "uh", and "you know" set off by commas. */
const FILLERS: readonly [RegExp, string][] = [
  [/\b(?:u+m+|u+h+|erm)\b,?\s*/gi, ""],
  [/,\s*you know\s*,\s*/gi, " "],
  [/^(?:(?:and|but|so|well),\s*)?you know,\s*/i, ""],
  [/,\s*you know(?=[.?!]|$)/gi, ""],
  [/\s+you know,\s*/gi, " "],
];

/**
 * The normalised layer of a sentence: fillers ("um", "uh", "you know" between commas) and
 * stutters (repeated words and phrases: "the, the, the" → "the", "to the, to the last" → "to the
 * last", "re reshaping" → "reshaping") removed, names respelled with `rename`, spaces tidied.
 *
 * @example
 * normalizeSentence("So I just, I, I think the, the, the point, you know, is this."); // "So I just, I think the point is this."
 */
export function normalizeSentence(text: string, rename: ReadonlyMap<string, string> = NO_RENAME): string {
  let s = text;
  for (const [heard, name] of rename) if (s.includes(heard)) s = s.split(heard).join(name);
  // The filler patterns need "um"/"uh"/"erm" or "you know": most sentences skip them all.
  if (MAYBE_UM.test(s)) s = s.replace(FILLERS[0][0], FILLERS[0][1]);
  if (MAYBE_YOU_KNOW.test(s)) for (let f = 1; f < FILLERS.length; f++) s = s.replace(FILLERS[f][0], FILLERS[f][1]);
  // Most sentences have no stutter and single spaces: then the tidied words are `s` itself.
  let out = plainWithoutRepeats(s) ? s : (dropRepeatsInPlace(s) ?? dropRepeats(s));
  if (out.includes(",")) {
    if (out.includes(",,")) out = out.replace(/,{2,}/g, ",");
    if (out.charCodeAt(0) === 44) out = out.replace(/^,\s*/, "");
    if (hasCommaBeforeStop(out)) out = out.replace(/,\s*([.?!])/g, "$1");
  }
  const c0 = out.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) out = String.fromCharCode(c0 - 32) + out.slice(1);
  else if (c0 >= 128) out = out.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  return out.trim();
}

/**
 * Split `s` at whitespace, drop broken-off words and phrases of one to three words said twice in
 * a row, and join the words with single spaces (none before , . ? !). Exported for the test that
 * holds {@link plainWithoutRepeats} to it.
 */
export function dropRepeats(s: string): string {
  // Words between whitespace, and whether `s` is already the words joined by single spaces.
  const tokens: string[] = [];
  let simple = true;
  {
    const n = s.length;
    let start = -1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 32 || (c < 128 ? c >= 9 && c <= 13 : isSpace(c))) {
        if (start >= 0) {
          tokens.push(s.slice(start, i));
          start = -1;
          // One plain space, then a word that does not start with , . ? !
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 32;
          if (c !== 32 || d === 32 || d === 44 || d === 46 || d === 63 || d === 33 || (d < 128 ? d >= 9 && d <= 13 : isSpace(d))) simple = false;
        } else simple = false;
      } else if (start < 0) start = i;
    }
    if (start >= 0) tokens.push(s.slice(start));
  }
  const bare = tokens.map(bareOf);
  const keep: string[] = [];
  const keptBare: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // A broken-off word that the next word completes ("re reshaping", "hosp hostility").
    if (bare[i].length >= 2 && bare[i].length <= 4 && i + 1 < tokens.length && bare[i + 1].length > bare[i].length && bare[i + 1].startsWith(bare[i]) && /^[\p{L}]+$/u.test(tokens[i])) continue;
    keep.push(tokens[i]);
    keptBare.push(bare[i]);
    // Collapse a phrase of one to three words said twice in a row.
    for (let n = 3; n >= 1; n--) {
      const k = keptBare.length;
      if (k < 2 * n) continue;
      let same = true;
      for (let j = 0; j < n && same; j++) same = keptBare[k - n + j] === keptBare[k - 2 * n + j] && keptBare[k - n + j] !== "";
      if (same && !/^\d+$/.test(keptBare[k - 1])) {
        // Drop the second saying; its last word's end punctuation replaces the first's comma.
        const w = keep[k - n - 1];
        const end = punctOf(keep[k - 1]);
        keep.length = k - n;
        keptBare.length = k - n;
        keep[k - n - 1] = (w.charCodeAt(w.length - 1) === 44 ? w.slice(0, -1) : w) + end;
        break;
      }
    }
  }
  // Join with single spaces, except before a word that starts with , . ? ! (the space goes, as
  // `.replace(/\s+([,.?!])/g, "$1")` on the joined words would do: words hold no whitespace).
  let out = "";
  // Nothing dropped from words already joined by single spaces: the join is `s` itself.
  if (simple && keep.length === tokens.length && keep.every((w, i) => w === tokens[i])) out = s;
  else for (let i = 0; i < keep.length; i++) {
    const w = keep[i];
    if (i > 0) {
      const c = w.charCodeAt(0);
      if (c !== 44 && c !== 46 && c !== 63 && c !== 33) out += " ";
    }
    out += w;
  }
  return out;
}

/** Per word of {@link dropRepeatsInPlace}: start and end in the sentence, bare length, bare hash, flags. */
let tokStart = new Int32Array(64);
let tokEnd = new Int32Array(64);
let tokBare = new Int32Array(64);
let tokHash = new Int32Array(64);
let tokFlags = new Uint8Array(64);
/** Flags of a word: all letters ([A-Za-z]+, what `/^[\p{L}]+$/u` says of ASCII-and-’ text), bare form all digits. */
const ALL_LETTERS = 1;
const BARE_DIGITS = 2;
/** Kept words of {@link dropRepeatsInPlace}: the word's index, and its text where a collapse changed it. */
let keptTok = new Int32Array(64);
const keptText: (string | undefined)[] = [];

function growWords(): void {
  const n = tokStart.length * 2;
  const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
  tokStart = grow(tokStart, new Int32Array(n));
  tokEnd = grow(tokEnd, new Int32Array(n));
  tokBare = grow(tokBare, new Int32Array(n));
  tokHash = grow(tokHash, new Int32Array(n));
  tokFlags = grow(tokFlags, new Uint8Array(n));
  keptTok = grow(keptTok, new Int32Array(n));
}

/**
 * {@link dropRepeats} for a sentence of ASCII and ’ (else null: the caller runs `dropRepeats`),
 * without a string per word: words are ranges of `s`, their bare forms ({@link bareOf}) are
 * compared in place (length and hash first), and the output is cut from `s` in runs of words
 * that stay as they stand. Exported for the test that holds it to `dropRepeats`.
 */
export function dropRepeatsInPlace(s: string): string | null {
  const n = s.length;
  // Words between whitespace, each with its bare length, bare hash and flags.
  let count = 0;
  for (let i = 0; i < n; ) {
    let c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      i++;
      continue;
    }
    if (count === tokStart.length) growWords();
    const start = i;
    let bare = 0;
    let digits = 0;
    let letters = true;
    let h = 0x811c9dc5;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c >= 97 && c <= 122) {
        bare++;
        h = Math.imul(h ^ c, 0x01000193);
      } else if (c >= 65 && c <= 90) {
        bare++;
        h = Math.imul(h ^ (c + 32), 0x01000193);
      } else if (c === 32 || (c >= 9 && c <= 13)) break;
      else {
        letters = false;
        if ((c >= 48 && c <= 57) || c === 39 || c === 0x2019) {
          bare++;
          if (c >= 48 && c <= 57) digits++;
          h = Math.imul(h ^ c, 0x01000193);
        } else if (c >= 128) return null;
      }
    }
    tokStart[count] = start;
    tokEnd[count] = i;
    tokBare[count] = bare;
    tokHash[count] = h;
    tokFlags[count] = (letters ? ALL_LETTERS : 0) | (bare > 0 && digits === bare ? BARE_DIGITS : 0);
    count++;
  }
  let kept = 0;
  keptText.length = 0;
  for (let i = 0; i < count; i++) {
    // A broken-off word that the next word completes ("re reshaping", "hosp hostility").
    const b = tokBare[i];
    if (b >= 2 && b <= 4 && i + 1 < count && tokBare[i + 1] > b && (tokFlags[i] & ALL_LETTERS) !== 0 && compareBare(s, tokStart[i], tokEnd[i], tokStart[i + 1], tokEnd[i + 1]) === PREFIX) continue;
    keptTok[kept] = i;
    keptText[kept] = undefined;
    kept++;
    // Collapse a phrase of one to three words said twice in a row.
    for (let m = 3; m >= 1; m--) {
      const k = kept;
      if (k < 2 * m) continue;
      let same = true;
      for (let j = 0; j < m && same; j++) same = sameBare(s, keptTok[k - m + j], keptTok[k - 2 * m + j]);
      if (same && (tokFlags[keptTok[k - 1]] & BARE_DIGITS) === 0) {
        // Drop the second saying; its last word's end punctuation replaces the first's comma.
        const w = keptText[k - m - 1] ?? s.slice(tokStart[keptTok[k - m - 1]], tokEnd[keptTok[k - m - 1]]);
        const end = punctOf(keptText[k - 1] ?? s.slice(tokStart[keptTok[k - 1]], tokEnd[keptTok[k - 1]]));
        kept = k - m;
        keptText.length = kept;
        keptText[k - m - 1] = (w.charCodeAt(w.length - 1) === 44 ? w.slice(0, -1) : w) + end;
        break;
      }
    }
  }
  // Nothing dropped: the words are all kept as they stand.
  if (kept === count) {
    // Already joined by single spaces (none before , . ? !): the join is `s` itself.
    let simple = true;
    for (let i = 0; i < count && simple; i++) {
      if (i === 0) simple = tokStart[0] === 0;
      else simple = tokStart[i] === tokEnd[i - 1] + 1 && s.charCodeAt(tokEnd[i - 1]) === 32 && !startsWithStop(s.charCodeAt(tokStart[i]));
    }
    if (simple && (count === 0 ? n === 0 : tokEnd[count - 1] === n)) return s;
  }
  // Join with single spaces, except before a word that starts with , . ? ! (see dropRepeats); runs
  // of words that stand so joined in `s` are cut from it in one piece.
  let out = "";
  let runStart = -1;
  let runEnd = -1;
  for (let e = 0; e < kept; e++) {
    const text = keptText[e];
    const t = keptTok[e];
    const first = text === undefined ? s.charCodeAt(tokStart[t]) : text.charCodeAt(0);
    const space = e > 0 && !startsWithStop(first);
    if (text === undefined && space && runStart >= 0 && tokStart[t] === runEnd + 1 && s.charCodeAt(runEnd) === 32) {
      runEnd = tokEnd[t];
      continue;
    }
    if (runStart >= 0) out += s.slice(runStart, runEnd);
    runStart = -1;
    if (space) out += " ";
    if (text === undefined) {
      runStart = tokStart[t];
      runEnd = tokEnd[t];
    } else out += text;
  }
  if (runStart >= 0) out += s.slice(runStart, runEnd);
  return out;
}

/** Whether a code unit is , . ? or ! (no space goes before such a word). */
function startsWithStop(c: number): boolean {
  return c === 44 || c === 46 || c === 63 || c === 33;
}

/** Whether words x and y of {@link dropRepeatsInPlace} have the same non-empty bare form. */
function sameBare(s: string, x: number, y: number): boolean {
  return tokBare[x] > 0 && tokBare[x] === tokBare[y] && tokHash[x] === tokHash[y] && compareBare(s, tokStart[x], tokEnd[x], tokStart[y], tokEnd[y]) === EQUAL;
}

/** Whether `c` is kept by {@link bareOf} in ASCII-and-’ text: a letter, a digit or an apostrophe. */
function isBareChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019;
}

/** What the bare forms of two words are to each other (see {@link compareBare}). */
const EQUAL = 0;
const PREFIX = 1;
const OTHER = 2;

/**
 * Compare the bare forms ({@link bareOf}) of the words s[a, aEnd) and s[b, bEnd), which hold only
 * ASCII and ’, in place: {@link EQUAL}, {@link PREFIX} (the first is a proper prefix of the second)
 * or {@link OTHER}.
 */
function compareBare(s: string, a: number, aEnd: number, b: number, bEnd: number): number {
  for (;;) {
    while (a < aEnd && !isBareChar(s.charCodeAt(a))) a++;
    while (b < bEnd && !isBareChar(s.charCodeAt(b))) b++;
    if (a === aEnd) return b === bEnd ? EQUAL : PREFIX;
    if (b === bEnd) return OTHER;
    const x = s.charCodeAt(a);
    const y = s.charCodeAt(b);
    if ((x >= 65 && x <= 90 ? x + 32 : x) !== (y >= 65 && y <= 90 ? y + 32 : y)) return OTHER;
    a++;
    b++;
  }
}

/** The last words {@link plainWithoutRepeats} has seen (a ring): start, end and bare length. */
const RING = 8;
const wordStart = new Int32Array(RING);
const wordEnd = new Int32Array(RING);
const wordBare = new Int32Array(RING);

/**
 * Whether {@link dropRepeats} would give `s` back unchanged, by a scan that builds nothing: `s` is
 * words joined by single spaces (none before , . ? !), and no word starts a change. Until the
 * first change the kept words are the words themselves, so the scan tests `dropRepeats`'s own
 * conditions on them: a broken-off word (two to four letters the next word starts with), or a
 * phrase of one to three words equal to the one before it (bare forms, not ending in a number).
 * A word with a non-ASCII character other than ’ answers false: the full path decides then.
 * Exported for the test that checks it against `dropRepeats`.
 */
export function plainWithoutRepeats(s: string): boolean {
  const n = s.length;
  /** Index of the word being read. */
  let k = 0;
  /** Whether the word before is all letters (a broken-off word must be). */
  let lettersBefore = false;
  for (let i = 0; ; i++) {
    // A word: s[start, i), up to a space or the end.
    const start = i;
    let bare = 0;
    let digits = 0;
    let letters = true;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) bare++;
      else if (c === 32) break;
      else {
        letters = false;
        if (c >= 48 && c <= 57) {
          bare++;
          digits++;
        } else if (c === 39 || c === 0x2019) bare++;
        // Whitespace other than a space, or a non-ASCII character other than ’.
        else if (c >= 128 || (c >= 9 && c <= 13)) return false;
      }
    }
    // An empty word: leading, repeated or trailing space (or nothing at all).
    if (i === start) return false;
    const r = k % RING;
    wordStart[r] = start;
    wordEnd[r] = i;
    wordBare[r] = bare;
    if (k > 0) {
      const p = (k - 1) % RING;
      const b = wordBare[p];
      if (lettersBefore && b >= 2 && b <= 4 && bare > b && compareBare(s, wordStart[p], wordEnd[p], start, i) === PREFIX) return false;
    }
    // Words k-n+1..k equal to words k-2n+1..k-n (the last pair first: it rules most out).
    if (bare > digits)
      for (let m = 1; m <= 3 && 2 * m <= k + 1; m++) {
        let all = true;
        for (let j = m - 1; j >= 0 && all; j--) all = sameWords(s, k - m + 1 + j, k - 2 * m + 1 + j);
        if (all) return false;
      }
    if (i === n) return true;
    // A space before , . ? ! (or at the end: the next word is empty then).
    const d = i + 1 < n ? s.charCodeAt(i + 1) : 32;
    if (d === 44 || d === 46 || d === 63 || d === 33) return false;
    k++;
    lettersBefore = letters;
  }
}

/** Whether the words x and y of `s` (indices, both still in the ring) have the same non-empty bare form. */
function sameWords(s: string, x: number, y: number): boolean {
  const a = x % RING;
  const b = y % RING;
  return wordBare[a] > 0 && wordBare[a] === wordBare[b] && compareBare(s, wordStart[a], wordEnd[a], wordStart[b], wordEnd[b]) === EQUAL;
}

/** Whether `/,\s*[.?!]/` matches `s`. */
function hasCommaBeforeStop(s: string): boolean {
  for (let i = s.indexOf(","); i >= 0; i = s.indexOf(",", i + 1)) {
    let j = i + 1;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    const c = s.charCodeAt(j);
    if (c === 46 || c === 63 || c === 33) return true;
  }
  return false;
}

const NO_RENAME: ReadonlyMap<string, string> = new Map();
/** Necessary for the first filler pattern (case-insensitive, like it). */
const MAYBE_UM = /u[mh]|erm/i;
/** Necessary for the "you know" filler patterns. */
const MAYBE_YOU_KNOW = /you know/i;
const NOT_BARE = /[^\p{L}\p{N}'’]/gu;

/** A word lower-cased with everything but letters, digits and apostrophes removed. */
function bareOf(w: string): string {
  let plain = true;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return w.toLowerCase().replace(NOT_BARE, "");
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39)) plain = false;
  }
  if (plain) return w;
  let out = "";
  let run = -1;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const keepIt = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39;
    if (keepIt) {
      if (run < 0) run = i;
    } else if (run >= 0) {
      out += w.slice(run, i);
      run = -1;
    }
  }
  if (run >= 0) out += w.slice(run);
  return out.toLowerCase();
}

/** Whether t[a, b) holds a letter or a digit (`/[\p{L}\p{N}]/u`). */
function hasLetterOrNumber(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
      continue;
    }
    const cp = codePointAt(t, i);
    if (charClass(cp) & (LETTER | NUMBER)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}

function punctOf(w: string): string {
  const m = /[,.?!]+$/.exec(w);
  return m ? m[0] : "";
}

/**
 * The cues of a file by source offset: each cue's first and last source offsets in flat arrays,
 * so the binary search per sentence end reads no cue objects. Build it once per file and pass it
 * to {@link splitSentences} for every turn.
 */
export class CueIndex {
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  /** 1 where a cue's text is empty. */
  private readonly empty: Uint8Array;

  constructor(private readonly cues: readonly Cue[]) {
    const n = cues.length;
    this.first = new Int32Array(n);
    this.last = new Int32Array(n);
    this.empty = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const src = cues[i].text.src;
      if (src.length === 0) this.empty[i] = 1;
      else {
        this.first[i] = src[0];
        this.last[i] = src[src.length - 1];
      }
    }
  }

  /** The cue whose first and last source offsets hold `offset`, by binary search (none past an empty cue). */
  at(offset: number): Cue | undefined {
    let lo = 0;
    let hi = this.cues.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.empty[mid] === 1) return undefined;
      if (offset < this.first[mid]) hi = mid - 1;
      else if (offset > this.last[mid]) lo = mid + 1;
      else return this.cues[mid];
    }
    return undefined;
  }
}
