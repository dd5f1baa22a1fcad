/** A half-open [start, end) range of UTF-16 code units in a source text. */
export interface Span {
  start: number;
  end: number;
}

/** Smallest span covering both. */
export function unionSpan(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
