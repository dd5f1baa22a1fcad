import { MappedText } from "../core/mapped-text.js";
import type { CleanResult } from "../core/types.js";

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
  const lowerWords = collectLowerWords(clean.cues.map((c) => c.text.text));
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
      const part = cue.text.slice(start, m.index).trim();
      if (part.length > 0) segs.push({ text: part, cue: ci, turnStart, isTeaser });
      start = m.index + m[0].length;
      turnStart = true;
    }
    const rest = cue.text.slice(start).trim();
    if (rest.length > 0) segs.push({ text: rest, cue: ci, turnStart, isTeaser });
  });

  // (1) The one-word-early dash.
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i];
    const prev = segs[i - 1];
    if (!s.turnStart || s.isTeaser !== prev.isTeaser || !/[\p{L}\p{N}]$/u.test(prev.text.text)) continue;
    // Labelled cues say who speaks: no caption-habit repair across them.
    if (clean.cues[s.cue].speaker !== undefined) continue;
    const m = /^(\p{Lu}[\p{L}’']*)([.,?!;:])(?:\s+|$)/u.exec(s.text.text);
    if (!m || m[1] === "I" || !lowerWords.has(m[1].toLowerCase())) continue;
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
    if (ADDRESSED_QUESTION.test(prev.text.text) && ANSWER_OPENER.test(s.text.text)) {
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

/** Words that occur in lower case somewhere (common words, not names). */
function collectLowerWords(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/\b\p{Ll}[\p{L}’']*/gu)) out.add(m[0]);
  return out;
}
