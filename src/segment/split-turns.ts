import { MappedText } from "../core/mapped-text.js";
import type { CleanResult } from "../core/types.js";
import { charClass, codePointAt, isSpace, LETTER, LOWER } from "../clean/char-class.js";

/** A stretch of one cue spoken by one person. */
export interface Segment {
  text: MappedText;
  /** Index of the cue it comes from. */
  cue: number;
  /** True when a new turn starts here. */
  turnStart: boolean;
  isTeaser: boolean;
  /** Why the turn starts here when no marker says so (a repaired or a missing dash). */
  note?: string;
}

/** A run of segments by one speaker, before anyone is named. */
export interface RawTurn {
  segments: Segment[];
  isTeaser: boolean;
  notes: string[];
}

/** A turn marker inside a line: " - " before a capital (captions mark a change of speaker so). */
const MIDLINE = /\s(?:[-–—]|>>)\s+(?=["“‘']?[\p{Lu}\p{N}])/gu;
/** A question put to someone by name at the end of a line: "Sam, what do you think?". */
const ADDRESSED_QUESTION =
  /(?:^|[.?!]\s+)\p{Lu}[\p{L}’'-]+(?:\s\p{Lu}[\p{L}’'-]+)?,\s+(?:what|how|do|does|did|is|are|can|could|would|will|should|tell|why|where|when)\b[^.?!]*\?$/u;
/** Words that open an answer. */
const ANSWER_OPENER = /^(?:Yeah|Yes|Well|Sure|No|Absolutely|Right|So)\b[,.]?\s+\S+(?:\s+\S+){4,}/u;

/**
 * Split cleaned cues into speaker turns: a cue's leading marker and every marker inside a line
 * start a turn. Two caption habits are repaired. (1) The one-word-early dash: in
 * "Thanks for having - Me." the marker sits one word before the real change, so a capitalised
 * common word followed by punctuation right after a mid-sentence marker goes back to the speaker
 * before it. (2) The missing dash: a line that answers a question put to someone by name on the
 * line before ("Sam, what do you think?" / "Yeah, I'm nodding because…") starts a turn. The
 * teaser cues form their own turn(s).
 *
 * @example
 * splitTurns(clean).map((t) => t.segments.map((s) => s.text.text).join(" "));
 */
export function splitTurns(clean: CleanResult): RawTurn[] {
  const teaser = new Set(clean.teaser);
  // Only needed where a marker may sit one word early: the cue texts, and the words asked so far.
  let texts: string[] | undefined;
  const lowerWords = new Map<string, boolean>();
  const segs: Segment[] = [];
  clean.cues.forEach((cue, ci) => {
    const t = cue.text.text;
    const isTeaser = teaser.has(ci);
    let start = 0;
    // A new speaker label in the file (NAME:, <v>, JSON speaker) starts a turn.
    const labelChange = cue.speaker !== undefined && (ci === 0 || cue.speaker !== clean.cues[ci - 1].speaker);
    let turnStart = !!cue.turnStart || labelChange || (ci > 0 && teaser.has(ci - 1) !== isTeaser);
    MIDLINE.lastIndex = 0;
    for (let m = MIDLINE.exec(t); m; m = MIDLINE.exec(t)) {
      const part = trimmedSlice(cue.text, start, m.index);
      if (part) segs.push({ text: part, cue: ci, turnStart, isTeaser });
      start = m.index + m[0].length;
      turnStart = true;
    }
    const rest = trimmedSlice(cue.text, start, t.length);
    if (rest) segs.push({ text: rest, cue: ci, turnStart, isTeaser });
  });

  // (1) The one-word-early dash.
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i];
    const prev = segs[i - 1];
    if (!s.turnStart || s.isTeaser !== prev.isTeaser || !/[\p{L}\p{N}]$/u.test(prev.text.text)) continue;
    // Labelled cues say who speaks: no caption-habit repair across them.
    if (clean.cues[s.cue].speaker !== undefined) continue;
    const m = /^(\p{Lu}[\p{L}’']*)([.,?!;:])(?:\s+|$)/u.exec(s.text.text);
    if (!m || m[1] === "I") continue;
    const lower = m[1].toLowerCase();
    texts ??= clean.cues.map((c) => c.text.text);
    let known = lowerWords.get(lower);
    if (known === undefined) lowerWords.set(lower, (known = saidInLowerCase(texts, lower)));
    if (!known) continue;
    const word = s.text.slice(0, m[1].length + m[2].length);
    prev.text = MappedText.join([prev.text, word], " ");
    const rest = s.text.slice(m[0].length).trim();
    const note = `turn marker one word early: "${word.text}" belongs to the speaker before`;
    if (rest.length > 0) {
      s.text = rest;
      s.note = note;
    } else {
      segs.splice(i, 1);
      if (i < segs.length && segs[i].isTeaser === prev.isTeaser) {
        segs[i].turnStart = true;
        segs[i].note = note;
      }
      i--;
    }
  }

  // (2) The missing dash after a question put to someone by name.
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i];
    const prev = segs[i - 1];
    if (s.turnStart || s.cue === prev.cue || s.isTeaser || clean.cues[s.cue].speaker !== undefined) continue;
    const pt = prev.text.text;
    // ADDRESSED_QUESTION ends with "?": test the last character before the regex.
    if (pt.charCodeAt(pt.length - 1) === 63 && ADDRESSED_QUESTION.test(pt) && ANSWER_OPENER.test(s.text.text)) {
      s.turnStart = true;
      s.note = `no turn marker, but the line answers the question just put by name`;
    }
  }

  const turns: RawTurn[] = [];
  for (const s of segs) {
    const last = turns[turns.length - 1];
    if (!last || s.turnStart || last.isTeaser !== s.isTeaser) turns.push({ segments: [s], isTeaser: s.isTeaser, notes: s.note ? [s.note] : [] });
    else last.segments.push(s);
  }
  return turns;
}

/**
 * Whether `word` is a match of `/\b\p{Ll}[\p{L}’']*\/gu` in one of `texts`: a common word said in
 * lower case somewhere, not a name. Only the word's occurrences (by `indexOf`) are looked at, not
 * every word of the file: an episode asks about a handful of words.
 */
export function saidInLowerCase(texts: readonly string[], word: string): boolean {
  if (word.length === 0) return false;
  for (const t of texts) for (let q = t.indexOf(word); q >= 0; q = t.indexOf(word, q + 1)) if (isLowerWordAt(t, q, q + word.length)) return true;
  return false;
}

/**
 * Whether t[q, end) is a whole match of `/\b\p{Ll}[\p{L}’']*\/gu` run over `t`. A match starts at
 * a word boundary (ASCII `\w`, as in a `u` regex without `i`) before a lower-case letter, unless an
 * earlier match covers that place, and runs over letters and apostrophes as far as they go. Such a
 * run of letters and apostrophes is covered from its first possible start onwards.
 */
function isLowerWordAt(t: string, q: number, end: number): boolean {
  // Every character of the match is a letter or an apostrophe, and the one after it is not
  // (nor is the match's end inside a surrogate pair).
  if (end < t.length && isHighSurrogate(t.charCodeAt(end - 1)) && isLowSurrogate(t.charCodeAt(end))) return false;
  for (let i = q; i < end; ) {
    const cp = codePointAt(t, i);
    if (!inWord(cp)) return false;
    i += cp > 0xffff ? 2 : 1;
  }
  if (end < t.length && inWord(codePointAt(t, end))) return false;
  if (!startsMatch(t, q)) return false;
  // No possible start earlier in the same run of letters and apostrophes.
  for (let p = q; p > 0; ) {
    const c = t.charCodeAt(p - 1);
    const back = isLowSurrogate(c) && p >= 2 && isHighSurrogate(t.charCodeAt(p - 2)) ? 2 : 1;
    if (!inWord(codePointAt(t, p - back))) break;
    p -= back;
    if (startsMatch(t, p)) return false;
  }
  return true;
}

/** A character of `[\p{L}’']`. */
function inWord(cp: number): boolean {
  return cp === 39 || cp === 0x2019 || (cp < 128 ? (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) : (charClass(cp) & LETTER) !== 0);
}

/** `\b\p{Ll}` at `p` (a `u` regex without `i`: `\b` is about ASCII word characters). */
function startsMatch(t: string, p: number): boolean {
  const cp = codePointAt(t, p);
  if (!(cp < 128 ? cp >= 97 && cp <= 122 : (charClass(cp) & LOWER) !== 0)) return false;
  const before = p > 0 && t.charCodeAt(p - 1) < 128 && isAsciiWord(t.charCodeAt(p - 1));
  return before !== (cp < 128 && isAsciiWord(cp));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** `\w` without the `i` flag: [A-Za-z0-9_]. */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `mt.slice(a, b).trim()`, slicing once (or not at all when nothing is cut); null when empty. */
function trimmedSlice(mt: MappedText, a: number, b: number): MappedText | null {
  const t = mt.text;
  while (a < b && isSpace(t.charCodeAt(a))) a++;
  while (b > a && isSpace(t.charCodeAt(b - 1))) b--;
  if (a === b) return null;
  return a === 0 && b === t.length ? mt : mt.slice(a, b);
}
