import { MappedText } from "../core/mapped-text.js";
import type { Cue, EpisodeMeta, ReadResult, StageContext } from "../core/types.js";
import { decodeEntities } from "./decode-entities.js";
import { TIMESTAMP_SOURCE, applyMetaField, isBlank, mappedChar, parseTimestamp, replaceMapped, sourceLines, squeezeSpaces, stripTags, type SourceLine } from "./line-tools.js";
import { splitCueTurns } from "./split-cue-turns.js";

/** A ruby annotation (`<rt>とう</rt>`), possibly across lines; its text is not spoken. */
const RUBY_TEXT = /<rt\b[^>]*>[^<]*<\/rt\s*>/g;

const TS = TIMESTAMP_SOURCE;
const TIMING = new RegExp(String.raw`^\s*(${TS})\s*-->\s*(${TS})(?:\s+.*)?\s*$`);
/** A line the author meant as a cue id when a timing line follows it without a blank line. */
const ID_LIKE = /^\s*[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*\s*$/;
const VOICE = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>|<\/v\s*>/g;

/** One cue as found in the file, before its text is processed. */
interface RawCue {
  start: number;
  end: number;
  timingLine: number;
  lines: SourceLine[];
}

/** A processed text line of a cue. */
interface CueLine {
  text: MappedText;
  breakAt: number;
  speaker?: string;
}

const LOOSE_TIMING = /^\s*\d{1,2}:\d{2}[\d:.,]*\s*(?:-{1,2}>?|[–—>])\s*\d{1,2}:\d{2}/;

/**
 * Whether a line is meant as a cue timing line: it has `-->`, or two clock times joined by an
 * arrow-like mark (`00:01.000 -> 00:02.000`). Such a line that {@link parseCueTiming} rejects is a
 * broken timing, not cue text.
 *
 * @example
 * looksLikeTiming("00:00:02.000 -> 00:00:03.000"); // true
 */
export function looksLikeTiming(line: string): boolean {
  return line.includes("-->") || LOOSE_TIMING.test(line);
}

/**
 * Parse a WebVTT timing line (`00:01.000 --> 00:04.000 align:start`): start and end seconds, or
 * null when the line is not a valid timing.
 *
 * @example
 * parseCueTiming("00:00:01.500 --> 00:00:03.000 position:10%"); // { start: 1.5, end: 3 }
 */
export function parseCueTiming(line: string): { start: number; end: number } | null {
  const m = TIMING.exec(line);
  if (!m) return null;
  const start = parseTimestamp(m[1]);
  const end = parseTimestamp(m[2]);
  return start === null || end === null ? null : { start, end };
}

/**
 * Read a WebVTT file. The header's `Key: value` lines and `NOTE` blocks before the first cue fill
 * `meta` (`Title`, `Show`, `Date`, `Speakers`; `Kind` and `Language` go to `meta.extra`). `NOTE`,
 * `STYLE` and `REGION` blocks are skipped, cue ids and cue settings ignored. `<v Name>` voice spans
 * (with classes, closed or not) give the speaker; other tags (`<c>`, `<i>`, `<b>`, `<u>`, `<lang>`,
 * `<ruby>`, timestamp tags) are removed and entities decoded (mapped to their `&`). A cue with
 * several voices, dialogue dashes or `>>` becomes several cues with the same times. Rolling
 * captions (YouTube auto-captions, where each cue repeats the previous line) are detected and each
 * new piece of text is emitted once, with the times of the cue that first showed it. A broken
 * timing line skips its cue with a warning naming the line; a missing blank line between cues is
 * tolerated.
 *
 * @example
 * readWebvtt(ctx).cues[0].speaker; // "Ana" for "<v Ana>Hello"
 */
export function readWebvtt(ctx: StageContext): ReadResult {
  const { text } = ctx.source;
  const lines = sourceLines(ctx.source);
  const meta: EpisodeMeta = { names: [] };
  const raws: RawCue[] = [];
  const line = (l: SourceLine) => text.slice(l.start, l.end);
  const warn = (l: SourceLine, message: string) =>
    ctx.report({ severity: "warning", ruleId: "read/webvtt", message: `line ${l.n}: ${message}`, span: { start: l.start, end: l.end } });

  let i = 0;
  while (i < lines.length && isBlank(text, lines[i].start, lines[i].end)) i++;
  if (i < lines.length && /^\s*WEBVTT(?:[ \t]|$)/.test(line(lines[i]))) {
    i++;
    // Header: `Key: value` lines until the first blank line (or a timing line, leniently).
    for (; i < lines.length && !isBlank(text, lines[i].start, lines[i].end) && !looksLikeTiming(line(lines[i])); i++) {
      const kv = /^\s*([^:]{1,40}):\s*(.*)$/.exec(line(lines[i]));
      if (kv) applyMetaField(meta, kv[1], kv[2]);
    }
  } else if (i < lines.length) warn(lines[i], "no WEBVTT header; reading the cues anyway");

  type State = "idle" | "cue" | "note" | "skip";
  let state: State = "idle";
  let cur: RawCue | null = null;
  const close = () => {
    if (cur) raws.push(cur);
    cur = null;
  };
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (isBlank(text, l.start, l.end)) {
      // YouTube pads a cue with a line of one space right after its timing: that is cue text,
      // not the blank line that ends the cue (a truly empty line always ends it).
      if (state === "cue" && cur && (cur as RawCue).lines.length === 0 && l.end > l.start) continue;
      close();
      state = "idle";
      continue;
    }
    const s = line(l);
    if (looksLikeTiming(s)) {
      if (state === "cue" && cur && (cur as RawCue).lines.length > 0) {
        // A timing line inside a cue: the blank line before it is missing.
        const c = cur as RawCue;
        const last = c.lines[c.lines.length - 1];
        if (ID_LIKE.test(line(last)) && c.lines.length > 1) c.lines.pop();
      }
      close();
      const t = parseCueTiming(s);
      if (!t) {
        warn(l, `broken cue timing '${s.trim().slice(0, 80)}'; cue skipped`);
        state = "skip";
        continue;
      }
      if (t.end < t.start) warn(l, `cue ends (${t.end}s) before it starts (${t.start}s)`);
      cur = { start: t.start, end: t.end, timingLine: l.n, lines: [] };
      state = "cue";
      continue;
    }
    if (state === "skip") continue;
    if (state === "note") {
      if (raws.length === 0) {
        const kv = /^\s*([^:]{1,40}):\s*(.*)$/.exec(s);
        if (kv) applyMetaField(meta, kv[1], kv[2]);
      }
      continue;
    }
    if (state === "cue") {
      cur!.lines.push(l);
      continue;
    }
    // Idle: a block starts here.
    const block = /^\s*(NOTE|STYLE|REGION)(?:[ \t]+(.*)|$)/.exec(s);
    if (block) {
      state = block[1] === "NOTE" ? "note" : "skip";
      if (block[1] === "NOTE" && raws.length === 0 && block[2]) {
        const kv = /^\s*([^:]{1,40}):\s*(.*)$/.exec(block[2]);
        if (kv) applyMetaField(meta, kv[1], kv[2]);
      }
      continue;
    }
    const next = lines[i + 1];
    if (next && looksLikeTiming(line(next))) continue; // a cue id
    warn(l, "text outside any cue; skipped");
    state = "skip";
  }
  close();

  const processed = raws.map((r) => processCue(text, r));
  const rolling = isRolling(processed.map((p) => p.map((x) => x.text.text)));
  const cues: Cue[] = [];
  let prev: string[] = [];
  processed.forEach((plines, k) => {
    const r = raws[k];
    const texts = plines.map((x) => x.text.text);
    let keep = plines;
    if (rolling) {
      keep = dropRepeated(plines, prev);
      prev = texts;
    }
    // Group consecutive lines by voice, then split each group into turns.
    let g = 0;
    while (g < keep.length) {
      let h = g + 1;
      while (h < keep.length && keep[h].speaker === keep[g].speaker) h++;
      for (const piece of splitCueTurns(keep.slice(g, h), keep[g].speaker)) {
        const cue: Cue = { text: piece.text, startTime: r.start, endTime: r.end, turnStart: piece.turnStart };
        if (piece.speaker !== undefined) cue.speaker = piece.speaker;
        cues.push(cue);
      }
      g = h;
    }
  });
  return { format: "webvtt", cues, meta, diagnostics: [] };
}

/** Text lines of a cue with voices resolved, tags removed, entities decoded, spaces squeezed. */
function processCue(text: string, r: RawCue): CueLine[] {
  if (r.lines.length === 0) return [];
  // One mapped string for the whole cue, line breaks kept as "\n" mapped to the break.
  const parts: MappedText[] = [];
  r.lines.forEach((l, k) => {
    if (k > 0) parts.push(mappedChar("\n", r.lines[k - 1].end));
    parts.push(MappedText.fromSource(text, l.start, l.end));
  });
  // Ruby annotations go before the cue is cut into lines: one may span a line break.
  const joined = MappedText.join(parts, "");
  const whole = joined.text.includes("<rt") ? replaceMapped(joined, RUBY_TEXT, () => "") : joined;
  const out: CueLine[] = [];
  const emit = (seg: MappedText, speaker: string | undefined, endAt: number) => {
    let from = 0;
    for (let k = 0; k <= seg.length; k++) {
      if (k === seg.length || seg.text.charCodeAt(k) === 10) {
        const breakAt = k < seg.length ? seg.src[k] : endAt;
        const t = squeezeSpaces(decodeEntities(stripTags(seg.slice(from, k))));
        if (t.length > 0) out.push(speaker === undefined ? { text: t, breakAt } : { text: t, breakAt, speaker });
        from = k + 1;
      }
    }
  };
  let speaker: string | undefined;
  let pos = 0;
  VOICE.lastIndex = 0;
  for (let m = VOICE.exec(whole.text); m; m = VOICE.exec(whole.text)) {
    emit(whole.slice(pos, m.index), speaker, whole.src[m.index]);
    speaker = m[0].startsWith("</") ? undefined : m[1]?.trim() || undefined;
    pos = m.index + m[0].length;
  }
  emit(whole.slice(pos), speaker, r.lines[r.lines.length - 1].end);
  return out;
}

/** Rolling captions: many cues start with the previous cue's last line, or extend it. */
function isRolling(cues: string[][]): boolean {
  let hits = 0;
  let pairs = 0;
  for (let k = 1; k < cues.length; k++) {
    const a = cues[k - 1];
    const b = cues[k];
    if (a.length === 0 || b.length === 0) continue;
    pairs++;
    const last = a[a.length - 1];
    if (b[0] === last || (b[0].length > last.length && b[0].startsWith(last))) hits++;
  }
  return hits >= 2 && hits >= pairs * 0.3;
}

/** The part of a rolling cue not shown by the previous cue: skip repeated lines, cut a repeated prefix. */
function dropRepeated(lines: CueLine[], prev: string[]): CueLine[] {
  if (prev.length === 0) return lines;
  let k = Math.min(lines.length, prev.length);
  for (; k > 0; k--) {
    let same = true;
    for (let j = 0; j < k && same; j++) same = lines[j].text.text === prev[prev.length - k + j];
    if (same) break;
  }
  const rest = lines.slice(k);
  if (k === 0 && rest.length > 0) {
    const last = prev[prev.length - 1];
    const first = rest[0].text.text;
    if (first.length > last.length && first.startsWith(last)) {
      const cut = rest[0].text.slice(last.length).trim();
      return cut.length > 0 ? [{ ...rest[0], text: cut }, ...rest.slice(1)] : rest.slice(1);
    }
  }
  return rest;
}
