import { MappedText } from "../core/mapped-text.js";
import type { Cue, ReadResult, StageContext } from "../core/types.js";
import { decodeEntities } from "./decode-entities.js";
import { isBlank, sourceLines, squeezeSpaces, stripTags, type SourceLine } from "./line-tools.js";
import { splitCueTurns } from "./split-cue-turns.js";
import { looksLikeTiming, parseCueTiming } from "./webvtt.js";

const INDEX = /^\s*\d+\s*$/;

/**
 * Read a SubRip (`.srt`) file: numbered cues, `hh:mm:ss,ttt --> hh:mm:ss,ttt` (`.` accepted too),
 * text until the next cue. Lenient about blank lines (missing, doubled, with trailing spaces, none
 * at the end of the file): a cue's text is every non-blank line up to the next timing line, less
 * the number line right before it. `<i>`, `<b>`, `<u>`, `<font …>` and `{\an8}` tags are removed,
 * entities decoded; a `NAME:` prefix gives the speaker, `- ` dialogue dashes and `>>` mark turns
 * (each turn becomes a cue with the cue's times). A broken timing line skips its cue with a warning.
 *
 * @example
 * readSrt(ctx).cues[0].startTime; // 1.5 for "1\n00:00:01,500 --> 00:00:03,000\nHi"
 */
export function readSrt(ctx: StageContext): ReadResult {
  const { text } = ctx.source;
  const lines = sourceLines(ctx.source);
  const line = (l: SourceLine) => text.slice(l.start, l.end);
  const cues: Cue[] = [];
  let cur: { start: number; end: number; lines: SourceLine[] } | null = null;
  let skipping = false;
  const close = () => {
    if (!cur) return;
    const ls = cur.lines;
    // Drop the next cue's number when no blank line separated it.
    while (ls.length > 0 && isBlank(text, ls[ls.length - 1].start, ls[ls.length - 1].end)) ls.pop();
    const body = ls.filter((l) => !isBlank(text, l.start, l.end));
    const parts = body.map((l) => ({ text: squeezeSpaces(decodeEntities(stripTags(MappedText.fromSource(text, l.start, l.end)))), breakAt: l.end }));
    for (const piece of splitCueTurns(parts)) {
      const cue: Cue = { text: piece.text, startTime: cur.start, endTime: cur.end, turnStart: piece.turnStart };
      if (piece.speaker !== undefined) cue.speaker = piece.speaker;
      cues.push(cue);
    }
    cur = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const s = line(l);
    if (looksLikeTiming(s)) {
      if (cur) {
        const ls = cur.lines;
        let k = ls.length - 1;
        while (k >= 0 && isBlank(text, ls[k].start, ls[k].end)) k--;
        if (k >= 0 && INDEX.test(line(ls[k]))) ls.length = k;
      }
      close();
      const t = parseCueTiming(s);
      if (!t) {
        ctx.report({
          severity: "warning",
          ruleId: "read/srt",
          message: `line ${l.n}: broken cue timing '${s.trim().slice(0, 80)}'; cue skipped`,
          span: { start: l.start, end: l.end },
        });
        skipping = true;
        continue;
      }
      skipping = false;
      cur = { start: t.start, end: t.end, lines: [] };
      continue;
    }
    if (cur) cur.lines.push(l);
    else if (!skipping && !isBlank(text, l.start, l.end) && !INDEX.test(s)) {
      const next = lines.slice(i + 1, i + 3).some((x) => looksLikeTiming(line(x)));
      if (!next) ctx.report({ severity: "info", ruleId: "read/srt", message: `line ${l.n}: text outside any cue; skipped`, span: { start: l.start, end: l.end } });
    }
  }
  close();
  return { format: "srt", cues, meta: { names: [] }, diagnostics: [] };
}
