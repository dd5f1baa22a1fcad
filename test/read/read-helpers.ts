import { sourceFromText } from "../../src/core/source.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { Cue, ReadResult, StageContext } from "../../src/core/types.js";
import { assertCueSpans } from "../helpers/assert-cue-spans.js";

/** A plain view of a cue for table tests: [text, speaker, start, end, turnStart]. */
export type CueRow = [string, string | null, number | null, number | null, boolean];

/**
 * Run a reader on a string; check the cue spans; return rows and warning messages.
 *
 * @example
 * const { rows } = run(readSrt, "1\n00:00:01,000 --> 00:00:02,000\nHi");
 */
export function run(reader: (ctx: StageContext) => ReadResult, text: string, path = "test.txt") {
  const warnings: Diagnostic[] = [];
  const ctx: StageContext = { source: sourceFromText(path, text), report: (d) => warnings.push(d) };
  const result = reader(ctx);
  assertCueSpans(text, result.cues);
  const rows: CueRow[] = result.cues.map((c: Cue) => [c.text.text, c.speaker ?? null, c.startTime, c.endTime, c.turnStart ?? false]);
  return { rows, result, warnings: warnings.map((w) => w.message) };
}
