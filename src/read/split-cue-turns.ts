import type { MappedText } from "../core/mapped-text.js";
import { joinLines } from "./line-tools.js";
import { isSingleTitleWord, matchSpeakerLabel } from "./speaker-label.js";

/** A stretch of one cue spoken by one person. */
export interface CuePiece {
  text: MappedText;
  speaker?: string;
  turnStart: boolean;
}

/** A dialogue dash at the start of a caption line: `- Hi`, `-Hi`, `– Hi` (not `--` or `-5`). */
const DASH = /^[-–—](?![-–—\d])\s*/;

/**
 * Split the text lines of one subtitle cue into turns: a line starting with a dialogue dash or
 * `>>` starts a new turn (`turnStart`), a line starting with `NAME:` starts a turn by NAME; other
 * lines continue the current piece. A one-word capitalised label (`Remember: …`) is caption text,
 * not a speaker; names in capitals (`JOHN:`), `Speaker 2` and multi-word names are labels. Markers and labels are not part of the text; lines are
 * joined with a space mapped to their line break. `speaker` is the voice the cue already names
 * (WebVTT `<v>`), used until a line names another.
 *
 * @example
 * splitCueTurns([{ text: line("- Hi."), breakAt: 6 }, { text: line("- Hello."), breakAt: 15 }]).length; // 2
 */
export function splitCueTurns(lines: readonly { text: MappedText; breakAt: number }[], speaker?: string): CuePiece[] {
  const pieces: CuePiece[] = [];
  let cur: { speaker?: string; turnStart: boolean; parts: { text: MappedText; breakAt: number }[] } | null = null;
  const flush = () => {
    if (cur) {
      const t = joinLines(cur.parts).trim();
      if (t.length > 0) pieces.push(cur.speaker === undefined ? { text: t, turnStart: cur.turnStart } : { text: t, speaker: cur.speaker, turnStart: cur.turnStart });
    }
    cur = null;
  };
  for (const line of lines) {
    let t = line.text.trim();
    if (t.length === 0) continue;
    let turnStart = false;
    let label: string | undefined;
    const dash = DASH.exec(t.text);
    if (dash) {
      turnStart = true;
      t = t.slice(dash[0].length);
    }
    const m = matchSpeakerLabel(t.text);
    if (m && (m.label !== null || m.marker) && !(m.label !== null && isSingleTitleWord(m.label) && !m.marker)) {
      turnStart ||= m.marker;
      if (m.label !== null) label = m.label;
      t = t.slice(m.textStart);
    }
    if (turnStart || label !== undefined || !cur) {
      // A dash on the first line of a voice span (`<v Bob>- Hi`) still belongs to that voice.
      const first: boolean = cur === null && pieces.length === 0;
      flush();
      cur = { speaker: label ?? (turnStart && !first ? undefined : speaker), turnStart, parts: [] };
    }
    cur!.parts.push({ text: t, breakAt: line.breakAt });
  }
  flush();
  return pieces;
}
