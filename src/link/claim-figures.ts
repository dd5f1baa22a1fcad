import type { Claim, Quantity } from "../core/types.js";
import { STATE_NAMES } from "./states.js";

/** A number the claim states, with where it is in `claim.normal` (-1 when not found). */
export interface Figure {
  kind: Quantity["kind"];
  value: number;
  text: string;
  at: number;
  /** Decimals as written ("$0.93" → 2). */
  decimals: number;
}

const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20, hundred: 100 };
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

function decimalsOf(text: string): number {
  const m = /\d\.(\d+)/.exec(text);
  return m ? m[1].length : 0;
}

/**
 * Read figures from plain text, for claims whose `quantities` are empty: `$0.91`, `$10.3 billion`,
 * `15%` / `15 percent`, `67 times`, ordinals (`fourth`, `4th`), and bare numbers.
 *
 * @example
 * readFigures("California alone is like 15% of America's GDP.")[0]; // {kind:"percent", value:15, text:"15%", at:23, decimals:0}
 */
export function readFigures(text: string): Figure[] {
  const out: Figure[] = [];
  const re =
    /\$\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion))?|(\d[\d,]*(?:\.\d+)?)\s*(%|percent\b)|(\d[\d,]*(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)\s*(?:times\b|x\b)|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b|(\d[\d,]*(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion))?/gi;
  for (let m; (m = re.exec(text)); ) {
    const num = (s: string) => Number(s.replace(/,/g, ""));
    if (m[1] !== undefined) out.push({ kind: "money", value: num(m[1]) * (m[2] ? SCALE[m[2].toLowerCase()] : 1), text: m[0], at: m.index, decimals: decimalsOf(m[1]) });
    else if (m[3] !== undefined) out.push({ kind: "percent", value: num(m[3]), text: m[0], at: m.index, decimals: decimalsOf(m[3]) });
    else if (m[5] !== undefined) {
      const w = m[5].toLowerCase();
      out.push({ kind: "ratio", value: WORD_NUMBERS[w] ?? num(w), text: m[0], at: m.index, decimals: decimalsOf(w) });
    } else if (m[6] !== undefined) {
      const w = m[6].toLowerCase();
      out.push({ kind: "rank", value: ORDINALS[w] ?? parseInt(w, 10), text: m[0], at: m.index, decimals: 0 });
    } else if (m[7] !== undefined) {
      const v = num(m[7]) * (m[8] ? SCALE[m[8].toLowerCase()] : 1);
      const kind = /^(19|20)\d\d$/.test(m[7]) && !m[8] ? "year" : "number";
      out.push({ kind, value: v, text: m[0], at: m.index, decimals: decimalsOf(m[7]) });
    }
  }
  return out;
}

/**
 * The claim's figures in text order: its tagged `quantities` (located in `normal`) when it has
 * any, else figures read from the text. Years are dropped.
 *
 * @example
 * claimFigures(claim).map((f) => f.value); // [0.91]
 */
export function claimFigures(claim: Claim): Figure[] {
  const text = claim.normal;
  if (claim.quantities.length === 0) return readFigures(text).filter((f) => f.kind !== "year");
  const lower = text.toLowerCase();
  let from = 0;
  const out: Figure[] = [];
  for (const q of claim.quantities) {
    if (q.kind === "year") continue;
    let at = q.text ? lower.indexOf(q.text.toLowerCase(), from) : -1;
    if (at < 0 && q.text) at = lower.indexOf(q.text.toLowerCase());
    if (at >= 0) from = at + q.text.length;
    let value = q.value;
    // A percent may be tagged as a fraction (0.15) or as written (15): keep it as written.
    if (q.kind === "percent") {
      const m = /(\d[\d,]*(?:\.\d+)?)/.exec(q.text);
      if (m) value = Number(m[1].replace(/,/g, ""));
    }
    out.push({ kind: q.kind, value, text: q.text, at, decimals: decimalsOf(q.text) });
  }
  return out;
}

/**
 * Where each of the claim's states (and groups) is first named in `normal`, lower-cased search;
 * -1 when the name is not there (e.g. "the Golden State").
 *
 * @example
 * mentionsOf("New York got $0.93.", ["NY"]); // [{ code: "NY", at: 0 }]
 */
export function mentionsOf(normal: string, codes: string[], groupTerms: Record<string, string[]> = {}): { code: string; at: number }[] {
  const lower = normal.toLowerCase();
  return codes.map((code) => {
    if (code.startsWith("group:")) {
      const words = [code.slice(6).replace(/-/g, " ").replace(/s$/, "").toLowerCase(), ...(groupTerms[code] ?? [])];
      const hits = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
      return { code, at: hits.length ? Math.min(...hits) : -1 };
    }
    const name = STATE_NAMES[code]?.toLowerCase();
    let at = name ? lower.indexOf(name) : -1;
    // "Virginia" inside "West Virginia" is not Virginia.
    while (code === "VA" && at >= 5 && lower.slice(at - 5, at) === "west ") at = lower.indexOf(name!, at + 1);
    if (at < 0 && code === "US") at = lower.search(/\b(america|united states|u\.s\.|the us|national|nation's|country's)/);
    return { code, at };
  });
}
