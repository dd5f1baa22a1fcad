import type { PlaceMatch } from "./extract-states.js";
import type { QuantityMatch } from "./extract-quantities.js";

/** A clause of a sentence: [start, end) in the sentence text. */
export interface ClauseRange {
  start: number;
  end: number;
}

const GLUE_BEFORE = /(?:\s*[,;]\s*(?:and|or|while|whereas|but)?\s*|\s+(?:and|while|whereas|but)\s+)$/i;
const TRIM_END = /[\s,;:.!]+$/;

/**
 * Split an enumeration of places with their own figures into clauses: "Mississippi received
 * $2.53 for every dollar it sent, West Virginia $2.36, and Alabama $2.02" gives three clauses,
 * each starting at its place name (leading ", and" dropped, trailing punctuation trimmed; an
 * unsplit sentence is returned whole). A
 * sentence splits only when at least two state names are each followed by a figure before the
 * next state name, and each later one is joined to the previous clause by a comma, semicolon or
 * "and"; otherwise it is one clause. "California has 67 times the population of Wyoming" is one.
 *
 * @example
 * splitClauses(text, places, quantities).map((c) => text.slice(c.start, c.end));
 * // ["Mississippi received $2.53 for every dollar it sent", "West Virginia $2.36", "Alabama $2.02"]
 */
export function splitClauses(text: string, places: readonly PlaceMatch[], quantities: readonly QuantityMatch[]): ClauseRange[] {
  const whole = [{ start: 0, end: text.length }];
  const states = places.filter((p) => /^[A-Z]{2}$/.test(p.code) && p.code !== "US");
  if (states.length < 2) return whole;
  const figure = (from: number, to: number) => quantities.some((q) => q.start >= from && q.start < to && q.kind !== "year");
  const cuts: number[] = [];
  for (let k = 1; k < states.length; k++) {
    const prev = states[k - 1];
    const cur = states[k];
    const next = states[k + 1]?.start ?? text.length;
    if (!figure(prev.end, cur.start) || !figure(cur.end, next)) continue;
    const glue = GLUE_BEFORE.exec(text.slice(prev.end, cur.start));
    if (!glue || glue[0].length === 0) continue;
    cuts.push(cur.start);
  }
  if (cuts.length === 0) return whole;
  const out: ClauseRange[] = [];
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    const seg = text.slice(start, cut);
    const trimmed = seg.replace(GLUE_BEFORE, "").replace(TRIM_END, "");
    out.push({ start, end: start + trimmed.length });
    start = cut;
  }
  return out;
}
