import type { Source } from "../../src/core/source.js";
import { lineOf } from "../../src/core/source.js";

/** A stored record with provenance (turn, sentence or claim row). */
export interface SpanRecord {
  start_offset: number;
  end_offset: number;
  start_line: number;
  end_line: number;
  text: string;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKC")
    .replace(/&[a-z]+;|&#\d+;/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

/**
 * Span checker: every record's span is in bounds and ordered, its lines agree with its offsets,
 * and the original slice contains the record's words in order (stutter removal and joined caption
 * lines may drop words from the record's text, never add any). Returns a list of problems.
 */
export function checkSpans(source: Source, records: SpanRecord[], what = "record"): string[] {
  const problems: string[] = [];
  records.forEach((r, i) => {
    const tag = `${what} ${i} (${JSON.stringify(r.text.slice(0, 40))})`;
    if (!(r.start_offset >= 0 && r.end_offset <= source.text.length && r.start_offset < r.end_offset)) {
      problems.push(`${tag}: span ${r.start_offset}-${r.end_offset} out of bounds or empty`);
      return;
    }
    if (lineOf(source, r.start_offset) !== r.start_line) problems.push(`${tag}: start_line ${r.start_line} != ${lineOf(source, r.start_offset)}`);
    if (lineOf(source, r.end_offset - 1) !== r.end_line) problems.push(`${tag}: end_line ${r.end_line} != ${lineOf(source, r.end_offset - 1)}`);
    const slice = words(source.text.slice(r.start_offset, r.end_offset));
    let k = 0;
    for (const w of words(r.text)) {
      while (k < slice.length && slice[k] !== w) k++;
      if (k === slice.length) {
        problems.push(`${tag}: word '${w}' not found in order in the original slice`);
        return;
      }
      k++;
    }
  });
  return problems;
}
