import { TranscriptError } from "../core/diagnostic.js";
import type { FormatId, ReadResult, StageContext } from "../core/types.js";
import { readCaptionPage } from "./caption-page.js";
import { readNameColon } from "./name-colon.js";
import { readPodcastHtml } from "./podcast-html.js";
import { readPodcastJson } from "./podcast-json.js";
import { readSrt } from "./srt.js";
import { readWebvtt } from "./webvtt.js";
import { readWhisperJson } from "./whisper-json.js";
import { matchSpeakerLabel } from "./speaker-label.js";

/** Readers by format id. */
const READERS: Record<FormatId, (ctx: StageContext) => ReadResult> = {
  "caption-page": readCaptionPage,
  "name-colon": readNameColon,
  webvtt: readWebvtt,
  srt: readSrt,
  "podcast-json": readPodcastJson,
  "podcast-html": readPodcastHtml,
  "whisper-json": readWhisperJson,
};

/**
 * All format ids claimcast knows, for `--format`.
 *
 * @example
 * FORMAT_IDS.includes("srt"); // true
 */
export const FORMAT_IDS: FormatId[] = [
  "caption-page",
  "name-colon",
  "webvtt",
  "srt",
  "podcast-json",
  "podcast-html",
  "whisper-json",
];

/**
 * Longest line a line-based format may have. Real transcripts wrap paragraphs well below this; a
 * longer line is a file that is not a transcript (a minified page, a dump), and the later stages
 * would spend minutes on one multi-megabyte "sentence". JSON formats are exempt: Whisper and
 * Podcasting 2.0 JSON are often written on one line.
 *
 * @example
 * "word ".repeat(1_048_576).length > MAX_LINE_LENGTH; // true: such a .txt file is rejected
 */
export const MAX_LINE_LENGTH = 1_000_000;

/** How much of the file detection looks at (it must stay fast on multi-megabyte files). */
const PROBE = 65_536;
const TIMING_LINE = /(?:^|[\r\n])[ \t]*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]*-->[ \t]*(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;
const NUMBERED_TIMING = /(?:^|[\r\n])[ \t]*\d+[ \t]*(?:\r\n|\r|\n)[ \t]*\d{1,3}:\d{2}:\d{2}[.,]\d{1,3}[ \t]*-->/;

/**
 * Detect a transcript's format from its content; the extension only breaks ties.
 * In order: a `WEBVTT` header → webvtt; numbered SRT timing blocks → srt (timing lines without
 * numbers → srt, or webvtt for a `.vtt` file); JSON (`{` or `[` first) → podcast-json when it has
 * `"body"`/`"startTime"`, whisper-json when it has `"transcription"` or `"segments"` with `"start"`
 * (by extension or whisper-json otherwise, whose reader names what is missing; so does a `.json` file that parses
 * as any JSON, so `42` or `[1, 2]` is refused as JSON of the wrong shape, not read as caption text); HTML with `<cite>`
 * or `<time>` → podcast-html; at least three `NAME:` label lines (`>> NAME:` counts twice) making up a tenth of the first 400
 * non-blank lines (or half of a very short file) → name-colon; anything else → caption-page.
 *
 * @example
 * detectFormat("WEBVTT\n\n00:00.000 --> 00:01.000\nHi", "a.vtt"); // "webvtt"
 * detectFormat("ANA: Hi.\nBO: Hello.\nANA: Bye.", "a.txt"); // "name-colon"
 */
export function detectFormat(text: string, path = ""): FormatId {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1].toLowerCase() ?? "";
  const head = text.length > PROBE ? text.slice(0, PROBE) : text;
  const lead = head.replace(/^[\s\uFEFF]+/, "");
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(lead)) return "webvtt";
  if (/^(?:\{|\[\s*[[{"\]])/.test(lead) || (ext === "json" && isJson(text))) {
    if (/"transcription"\s*:/.test(head)) return "whisper-json";
    if (/"body"\s*:|"startTime"\s*:/.test(head)) return "podcast-json";
    if (/"segments"\s*:/.test(head) && /"start"\s*:/.test(head)) return "whisper-json";
    return ext === "json" && /podcast|transcript/i.test(path) ? "podcast-json" : "whisper-json";
  }
  if (NUMBERED_TIMING.test(head)) return "srt";
  if (TIMING_LINE.test(head)) return ext === "vtt" ? "webvtt" : "srt";
  if (/<(?:cite|time)\b[^>]*>/i.test(head) && /<\/(?:cite|time|p)>/i.test(head)) return "podcast-html";
  let lines = 0;
  let labels = 0;
  for (const line of head.split(/\r\n|\r|\n/)) {
    if (line.trim().length === 0) continue;
    if (++lines > 400) break;
    const m = matchSpeakerLabel(line);
    // A `>> NAME:` label is broadcast-caption evidence and counts twice.
    if (m && m.label !== null) labels += m.marker ? 2 : 1;
  }
  if ((labels >= 3 && labels >= lines * 0.1) || (lines <= 4 && labels >= 1 && labels >= lines / 2)) return "name-colon";
  if ((ext === "html" || ext === "htm") && /<(?:cite|time)\b/i.test(head)) return "podcast-html";
  return "caption-page";
}

/** Whether `text` is one JSON value (only asked of `.json` files that do not start like a transcript object). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Read a source into cues: detect the format (unless given) and run its reader. Throws a
 * {@link TranscriptError} when a line-based file has a line longer than {@link MAX_LINE_LENGTH}
 * (say a 5 MB file without line breaks) and when a file yields no cue at all. Readers report
 * warnings through `ctx.report` only (so `diagnostics` stays empty and nothing is counted twice).
 *
 * @example
 * readTranscript(ctx).format; // "caption-page"
 */
export function readTranscript(ctx: StageContext, format?: FormatId): ReadResult {
  const { source } = ctx;
  const id = format ?? detectFormat(source.text, source.path);
  if (id !== "podcast-json" && id !== "whisper-json") {
    const starts = source.lineStarts;
    for (let i = 0; i < starts.length; i++) {
      let end = i + 1 < starts.length ? starts[i + 1] : source.text.length;
      if (end - starts[i] <= MAX_LINE_LENGTH) continue;
      // The line's own characters: its break ("\n", "\r\n" or "\r") is not counted.
      const text = source.text;
      if (end > starts[i] && text.charCodeAt(end - 1) === 10) end--;
      if (end > starts[i] && text.charCodeAt(end - 1) === 13) end--;
      const len = end - starts[i];
      if (len > MAX_LINE_LENGTH)
        throw new TranscriptError(
          source.path,
          `a single line of ${len.toLocaleString("en-US")} characters (limit ${MAX_LINE_LENGTH.toLocaleString("en-US")}); not a line-based transcript`,
          i + 1,
        );
    }
  }
  // Keep the first warning: when nothing is read, it is usually why (a broken timing line, say).
  let first: string | undefined;
  const report: StageContext["report"] = (d) => {
    first ??= d.message;
    ctx.report(d);
  };
  const result = READERS[id]({ ...ctx, report });
  if (result.cues.length === 0) throw new TranscriptError(source.path, `no transcript text found (read as ${id}${first ? `; ${first}` : ""})`);
  return result;
}
