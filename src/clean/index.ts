import type { CleanResult, ReadResult, StageContext } from "../core/types.js";
import { stripChrome } from "./strip-chrome.js";
import { findTeaser } from "./find-teaser.js";
import { repairNames } from "./repair-names.js";

/**
 * Clean a read transcript, in order: drop the page chrome around the programme (keeping what it
 * tells about the episode in `meta`), find a cold-open teaser that repeats later speech, and
 * collect the show's spellings of people's names with the ASR forms to repair. Cue text is never
 * edited, so every offset still points into the source.
 *
 * @example
 * const clean = cleanTranscript(readResult, ctx);
 * clean.teaser; // indices into clean.cues
 */
export function cleanTranscript(read: ReadResult, ctx: StageContext): CleanResult {
  // 1. Programme start and end; chrome goes, its show, title, date and people go into meta.
  const { cues, meta } = stripChrome(read.cues, ctx, read.meta);
  // 2. A cold open that repeats a later passage is kept but marked.
  const teaser = findTeaser(cues, ctx);
  // 3. Names: the show's spellings and the misheard forms they repair.
  const repairs = repairNames(cues, meta, ctx);
  return { cues, teaser, meta, repairs };
}
