import { MappedText } from "../core/mapped-text.js";
import type { Cue, EpisodeMeta, ReadResult, StageContext } from "../core/types.js";
import { decodeEntities } from "./decode-entities.js";
import { TIMESTAMP_SOURCE, isBlank, joinLines, parseAirDate, parseTimestamp, sourceLines, splitNames } from "./line-tools.js";
import { isSingleTitleWord, matchSpeakerLabel, type LabelMatch } from "./speaker-label.js";

const TS = TIMESTAMP_SOURCE;
/** A line that holds only a timestamp (`[00:01:02]`, `00:01`): the time of the next paragraph. */
const TIME_ONLY = new RegExp(String.raw`^\s*[\[(]?(${TS})[\])]?\s*$`);
/** A paragraph that starts with a bracketed timestamp but names no speaker. */
const TIME_FIRST = new RegExp(String.raw`^\s*[\[(](${TS})[\])]\s*`);
/** Episode facts some transcripts print above the first speaker. */
const META_LINE = /^\s*(title|show|programme|program|podcast|date|air ?date|aired|guests?|hosts?|speakers?)\s*:\s*(\S.*?)\s*$/i;
/** A `>>` marker inside a line (broadcast captions put several turns on one line). */
const INNER_MARKER = /\s>>+\s/g;

interface Open {
  speaker?: string;
  turnStart: boolean;
  time: number | null;
  parts: { text: MappedText; breakAt: number }[];
}

/**
 * Read a `NAME: text` transcript (NPR, Rev, Otter, broadcast captions): each label starts a cue;
 * lines without a label continue the current speaker (a blank line starts a new cue for the same
 * speaker). Timestamps in the forms `[00:01:02]`, `(01:02)`, `Speaker 1 (00:01):`, `00:01:02 Speaker:`
 * and timestamp-only lines give the cue's start time (end times stay null). `>>` marks a new turn
 * (`turnStart`), named (`>> NAME: text`) or not; a `>>` inside a line starts a new cue there.
 * `Title:`, `Show:`, `Date:`, `Guests:`, `Hosts:` lines before the first label go to `meta`.
 * Lines of a paragraph are joined with a space that maps to the line break. A one-word capitalised
 * label (`Jane:`) counts only when it labels at least two lines of the file or comes with a timestamp (so `Remember: …` in a
 * paragraph stays text).
 *
 * @example
 * readNameColon(ctx).cues[0].speaker; // "ANA RUIZ" for "ANA RUIZ: Welcome."
 */
export function readNameColon(ctx: StageContext): ReadResult {
  const { text } = ctx.source;
  const cues: Cue[] = [];
  const meta: EpisodeMeta = { names: [] };
  let open: Open | null = null;
  let speaker: string | undefined;
  let pendingTime: number | null = null;
  let seenLabel = false;

  const flush = () => {
    if (open && open.parts.length > 0) {
      const t = joinLines(open.parts);
      if (t.length > 0) cues.push({ text: t, startTime: open.time, endTime: null, speaker: open.speaker, turnStart: open.turnStart });
      open = null;
    }
  };
  const addText = (from: number, to: number, lineEnd: number) => {
    const t = decodeEntities(MappedText.fromSource(text, from, to)).trim();
    if (t.length === 0) return;
    if (!open) {
      open = { speaker, turnStart: false, time: pendingTime, parts: [] };
      pendingTime = null;
    }
    open.parts.push({ text: t, breakAt: lineEnd });
  };

  const handle = (start: number, end: number, lineEnd: number, cached?: LabelMatch | null) => {
    const raw = text.slice(start, end);
    const tOnly = TIME_ONLY.exec(raw);
    if (tOnly && parseTimestamp(tOnly[1]) !== null) {
      flush();
      pendingTime = parseTimestamp(tOnly[1]);
      return;
    }
    const m = cached !== undefined ? cached : matchSpeakerLabel(raw);
    if (m && accept(m)) {
      flush();
      seenLabel = true;
      speaker = m.label ?? undefined;
      open = { speaker, turnStart: m.marker, time: m.time ?? pendingTime, parts: [] };
      pendingTime = null;
      addText(start + m.textStart, end, lineEnd);
      return;
    }
    if (!seenLabel) {
      const mm = META_LINE.exec(raw);
      if (mm) {
        flush();
        const key = mm[1].toLowerCase().replace(/\s/g, "");
        const v = mm[2];
        if (key === "title") meta.title ??= v;
        else if (key === "show" || key === "programme" || key === "program" || key === "podcast") meta.show ??= v;
        else if (key === "date" || key === "airdate" || key === "aired") meta.airDate ??= parseAirDate(v) ?? undefined;
        else meta.names.push(...splitNames(v));
        return;
      }
    }
    const tf = TIME_FIRST.exec(raw);
    if (tf && parseTimestamp(tf[1]) !== null) {
      flush();
      pendingTime = parseTimestamp(tf[1]);
      addText(start + tf[0].length, end, lineEnd);
      return;
    }
    addText(start, end, lineEnd);
  };

  // First pass: labels per line, and how often each label occurs.
  const lines = sourceLines(ctx.source);
  const labelOf: (LabelMatch | null)[] = lines.map((l) => (isBlank(text, l.start, l.end) ? null : matchSpeakerLabel(text.slice(l.start, l.end))));
  const uses = new Map<string, number>();
  for (const m of labelOf) if (m?.label) uses.set(m.label, (uses.get(m.label) ?? 0) + 1);
  const accept = (m: LabelMatch | null) => m !== null && (m.label === null || m.marker || m.time !== null || !isSingleTitleWord(m.label) || (uses.get(m.label) ?? 0) >= 2);

  lines.forEach((line, k) => {
    if (isBlank(text, line.start, line.end)) {
      flush();
      return;
    }
    const raw = text.slice(line.start, line.end);
    if (raw.indexOf(">>", 1) > 0) {
      // Split at inner markers: each piece from a `>>` on is handled as a line of its own.
      let from = line.start;
      INNER_MARKER.lastIndex = 0;
      for (let m = INNER_MARKER.exec(raw); m; m = INNER_MARKER.exec(raw)) {
        const at = line.start + m.index + 1;
        if (!isBlank(text, from, at)) handle(from, at, at);
        from = at;
      }
      handle(from, line.end, line.end);
    } else handle(line.start, line.end, line.end, labelOf[k]);
  });
  flush();
  return { format: "name-colon", cues, meta, diagnostics: [] };
}
