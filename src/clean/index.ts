import type { CleanResult, ReadResult, StageContext } from "../core/types.js";

/**
 * Clean a read transcript: drop page chrome, separate a cold-open teaser, repair names.
 * (Walking-skeleton version: keeps every cue.)
 *
 * @example
 * cleanTranscript(readResult, ctx).cues.length;
 */
export function cleanTranscript(read: ReadResult, _ctx: StageContext): CleanResult {
  return { cues: read.cues, teaser: [], meta: read.meta };
}
