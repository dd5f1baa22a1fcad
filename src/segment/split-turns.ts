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
  // Only needed where a marker may sit one word early: built on first use.
  let lowerWords: Set<string> | undefined;
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
    lowerWords ??= collectLowerWords(clean.cues.map((c) => c.text.text));
    if (!lowerWords.has(m[1].toLowerCase())) continue;
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
 * Words that occur in lower case somewhere (common words, not names): every match of
 * `/\b\p{Ll}[\p{L}’']*\/gu`, by a scan over code points instead of the regex.
 */
function collectLowerWords(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const n = t.length;
    let prevWord = false;
    for (let i = 0; i < n; ) {
      const c = t.charCodeAt(i);
      const cp = c < 0xd800 ? c : codePointAt(t, i);
      const w = c < 128 && isAsciiWord(c);
      if (w !== prevWord && (cp < 128 ? c >= 97 && c <= 122 : (charClass(cp) & LOWER) !== 0)) {
        let j = i + (cp > 0xffff ? 2 : 1);
        while (j < n) {
          const d = t.charCodeAt(j);
          if (d === 39 || d === 0x2019) {
            j++;
            continue;
          }
          const dp = d < 0xd800 ? d : codePointAt(t, j);
          if (dp < 128 ? !((d >= 97 && d <= 122) || (d >= 65 && d <= 90)) : (charClass(dp) & LETTER) === 0) break;
          j += dp > 0xffff ? 2 : 1;
        }
        out.add(t.slice(i, j));
        // The character before the next position is the match's last one.
        const last = t.charCodeAt(j - 1);
        prevWord = last < 128 && isAsciiWord(last);
        i = j;
        continue;
      }
      prevWord = w;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out;
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
