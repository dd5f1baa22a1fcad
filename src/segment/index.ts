import { MappedText } from "../core/mapped-text.js";
import type { CleanResult, Cue, Sentence, StageContext, Turn } from "../core/types.js";

/**
 * Group cleaned cues into speaker turns and split each turn into sentences.
 * (Walking-skeleton version: a new turn at every turn marker or speaker change.)
 *
 * @example
 * segmentTurns(cleanResult, ctx)[0].speaker;
 */
export function segmentTurns(clean: CleanResult, _ctx: StageContext): Turn[] {
  const groups: Cue[][] = [];
  let last: string | undefined;
  for (const cue of clean.cues) {
    const change = groups.length === 0 || cue.turnStart || (cue.speaker !== undefined && cue.speaker !== last);
    if (change) groups.push([]);
    groups[groups.length - 1].push(cue);
    if (cue.speaker !== undefined) last = cue.speaker;
  }
  return groups.map((cues, index) => {
    const text = MappedText.join(cues.map((c) => c.text), " ");
    const speaker = cues[0].speaker ?? "unknown";
    return {
      index,
      speaker,
      role: "unknown",
      confidence: cues[0].speaker ? 0.9 : 0,
      evidence: cues[0].speaker ? ["label in the file"] : [],
      isTeaser: false,
      text,
      sentences: splitSentences(text, cues),
      startTime: cues[0].startTime,
      endTime: cues[cues.length - 1].endTime,
    };
  });
}

/** Split a turn's text into sentences at `.`, `?`, `!` followed by space. */
export function splitSentences(text: MappedText, cues: Cue[]): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^.?!]+(?:[.?!]+["”’)]*|$)/g;
  for (let m = re.exec(text.text); m; m = re.exec(text.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const s = text.slice(m.index, m.index + m[0].length).trim();
    if (s.length === 0) continue;
    const span = s.sourceSpan();
    const cue = span ? cues.find((c) => { const cs = c.text.sourceSpan(); return cs && cs.start <= span.start && span.start < cs.end; }) : undefined;
    out.push({ text: s, normal: s.text, startTime: cue?.startTime ?? null, endTime: cue?.endTime ?? null });
  }
  return out;
}
