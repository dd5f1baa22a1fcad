import { MappedText } from "../core/mapped-text.js";
import type { Cue, ReadResult, StageContext } from "../core/types.js";

/**
 * Read a scraped caption page or any plain text: one cue per non-blank line. A line starting with
 * `- ` (or `>> `) marks a new turn; the marker is not part of the cue's text. Page chrome is kept
 * here as cues: the clean stage decides what is programme and what is chrome.
 *
 * @example
 * readCaptionPage(ctx).cues[0].turnStart; // true for "- Welcome to the show."
 */
export function readCaptionPage(ctx: StageContext): ReadResult {
  const { text } = ctx.source;
  const cues: Cue[] = [];
  const starts = ctx.source.lineStarts;
  for (let i = 0; i < starts.length; i++) {
    const lineStart = starts[i];
    let lineEnd = i + 1 < starts.length ? starts[i + 1] : text.length;
    while (lineEnd > lineStart && (text[lineEnd - 1] === "\n" || text[lineEnd - 1] === "\r")) lineEnd--;
    let line = MappedText.fromSource(text, lineStart, lineEnd).trim();
    if (line.length === 0) continue;
    const marker = /^(?:-|>>|–|—)\s+/.exec(line.text);
    let turnStart = false;
    if (marker) {
      turnStart = true;
      line = line.slice(marker[0].length);
    }
    cues.push({ text: line, startTime: null, endTime: null, turnStart });
  }
  return { format: "caption-page", cues, meta: { names: [] }, diagnostics: [] };
}
