import { extractQuantities } from "../claims/extract-quantities.js";
import type { Quantity } from "../core/types.js";

/** How two claims are alike. */
export type MatchKind = "same-text" | "near-same" | "same-numbers";

/** A claim as matching sees it. `states` null means unknown (an orphaned item has no stored places). */
export interface MatchSide {
  text: string;
  textHash: string | null;
  states: string[] | null;
}

/** Result of comparing two claims. */
export interface MatchVerdict {
  kind: MatchKind;
  /** Jaccard similarity of the significant words, 0..1. */
  similarity: number;
  /** Human-readable reasons ("same numbers 0.99, 2022"). */
  reasons: string[];
}

/** Word overlap from which two claims count as near-same (numbers and states must agree too). */
export const NEAR_SAME_SIMILARITY = 0.5;
/** Word overlap needed for other wording with the same numbers (they must be distinctive: two or more, or one that is not a year). */
export const SAME_NUMBERS_SIMILARITY = 0.05;

const STOP = new Set(
  (
    "the and for are but not you all any can had her was one our out has have his how its may new now old see two way who did get him let say she too use that with they this from what when were will your than then them been into more some such only also just like very about would there their which could other these those where while after before being over because know mean yeah well really kind sort thing things going gonna said says"
  ).split(" "),
);

/**
 * Significant words of a text: lower-cased letters/digits runs of three or more characters that
 * are not common function words.
 *
 * @example
 * significantWords("California got back $0.99 for every dollar"); // ["california", "got", "back", "every", "dollar"]
 */
export function significantWords(text: string): string[] {
  const out = new Set<string>();
  for (const w of text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/\p{L}[\p{L}']*/gu) ?? []) {
    const x = w.replace(/'s?$/, "");
    if (x.length >= 3 && !STOP.has(x)) out.add(x);
  }
  return [...out];
}

/**
 * The numbers a text states, normalised (thousands separators dropped, trailing zeros trimmed),
 * sorted and unique, so "$1,000.50" and "1000.5" agree.
 *
 * @example
 * numbersIn("In 2022, New Jersey got back just $0.91"); // ["0.91", "2022"]
 */
export function numbersIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []) {
    const n = Number(m.replace(/,(?=\d{3}\b)/g, "").replace(/,/g, ""));
    if (Number.isFinite(n)) out.add(String(n));
  }
  return [...out].sort();
}

/**
 * An FTS5 query that finds candidate matches for a text: its significant words (the twelve
 * longest, quoted) joined with OR, plus its numbers. Empty when the text has no usable word.
 *
 * @example
 * ftsQueryFor("California got $0.99 in 2022"); // '"california" OR "got" OR "2022"'
 */
export function ftsQueryFor(text: string): string {
  const words = significantWords(text)
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, 12);
  const nums = numbersIn(text).filter((n) => /^\d+$/.test(n)).slice(0, 6);
  return [...words, ...nums].map((w) => `"${w.replace(/"/g, '""')}"`).join(" OR ");
}

function jaccard(a: string[], b: string[]): number {
  if (!a.length && !b.length) return 1;
  const sb = new Set(b);
  const inter = a.filter((x) => sb.has(x)).length;
  return inter / (a.length + b.length - inter);
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A number as matching compares it: its value with the scale applied ("$2 billion" → 2e9,
 * "sixty percent" → 60, "fifth largest" → 5) and its dimension: `USD` (money, per-dollar), `%`,
 * `x` (ratio), `rank` (ranks and ordinals), `year`, `count` (a count of something), or `""` for a
 * bare number, which agrees with a number of any dimension ("received 0.91" = "$0.91").
 */
export interface MatchNumber {
  value: number;
  dim: "USD" | "%" | "x" | "rank" | "year" | "count" | "";
  /** How the reasons show it: "$2 billion", "60%", "rank 5", "2022". */
  label: string;
}

const DIM_OF: Record<Quantity["kind"], MatchNumber["dim"]> = {
  money: "USD",
  "per-dollar": "USD",
  percent: "%",
  ratio: "x",
  rank: "rank",
  year: "year",
  count: "count",
  number: "",
};

/**
 * Spelled ordinals that are ranks wherever they stand ("the third quarter", "its tenth year"); "first"
 * and "second" are not among them ("at first", "just a second"); "fifth largest" and "the largest"
 * are ranks of {@link extractQuantities}.
 */
const ORDINAL_WORDS: Record<string, number> = {
  third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
};
const ORDINAL_RE = new RegExp(`\\b(?:(\\d+)(?:st|nd|rd|th)|(${Object.keys(ORDINAL_WORDS).join("|")}))\\b`, "gi");
const DIGITS_RE = /\d[\d,]*(?:\.\d+)?/g;

const norm = (v: number) => Number(v.toPrecision(12));

const SCALE_NAMES: [number, string][] = [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]];

/** A value as the reasons show it: "2 billion", "0.91", "4000". */
function shown(value: number): string {
  for (const [s, name] of SCALE_NAMES) if (Math.abs(value) >= s) return `${norm(value / s)} ${name}`;
  return String(value);
}

function label(value: number, dim: MatchNumber["dim"], unit: string): string {
  switch (dim) {
    case "USD":
      return `$${shown(value)}`;
    case "%":
      return `${value}%`;
    case "x":
      return `${value}×`;
    case "rank":
      return `rank ${value}`;
    case "count":
      return unit ? `${shown(value)} ${unit}` : shown(value);
    case "year":
      return String(value);
    default:
      return shown(value);
  }
}

/**
 * The numbers a claim states, as matching compares them: the quantities of the claims stage
 * ({@link extractQuantities}: money with its scale, percentages, ratios, ranks, years, counts and
 * spelled-out numbers, each normalised to its value), plus ordinals ("20th", "the third quarter")
 * and any other digits it does not cover ("50m"), as ranks and bare numbers. Unique by value and
 * dimension.
 *
 * @example
 * matchNumbersOf("Texas received $2 billion").map((n) => n.label); // ["$2 billion"]
 * matchNumbersOf("Texas is the fifth largest economy").map((n) => n.label); // ["rank 5"]
 */
export function matchNumbersOf(text: string): MatchNumber[] {
  const out = new Map<string, MatchNumber>();
  const add = (value: number, dim: MatchNumber["dim"], unit = "") => {
    if (!Number.isFinite(value)) return;
    const v = norm(value);
    const key = `${dim}:${v}`;
    if (!out.has(key)) out.set(key, { value: v, dim, label: label(v, dim, unit) });
  };
  const qs = extractQuantities(text);
  const covered = (start: number, end: number) => qs.some((q) => start < q.end && end > q.start);
  for (const q of qs) add(q.value, DIM_OF[q.kind] ?? "", q.unit);
  ORDINAL_RE.lastIndex = 0;
  const ordinals: [number, number][] = [];
  for (let m = ORDINAL_RE.exec(text); m; m = ORDINAL_RE.exec(text)) {
    const end = m.index + m[0].length;
    ordinals.push([m.index, end]);
    if (covered(m.index, end)) continue;
    add(m[1] !== undefined ? Number(m[1]) : ORDINAL_WORDS[m[2].toLowerCase()], "rank");
  }
  DIGITS_RE.lastIndex = 0;
  for (let m = DIGITS_RE.exec(text); m; m = DIGITS_RE.exec(text)) {
    const end = m.index + m[0].length;
    if (covered(m.index, end) || ordinals.some(([s, e]) => m!.index < e && end > s)) continue;
    add(Number(m[0].replace(/,/g, "")), "");
  }
  return [...out.values()].sort((a, b) => a.value - b.value || a.dim.localeCompare(b.dim));
}

/** Whether a number of one claim is stated by the other: the same value, and the same dimension unless one is a bare number. */
const agrees = (x: MatchNumber, ys: readonly MatchNumber[]) => ys.some((y) => y.value === x.value && (x.dim === y.dim || x.dim === "" || y.dim === ""));

/**
 * Whether two claims state the same numbers: every number of each is stated by the other, with
 * the same value after scale ("$2 billion" is not "$2 million"), and the same dimension (a
 * percentage is not a sum of money, "fifth largest" is not "fourth largest"), a bare number
 * agreeing with any.
 *
 * @example
 * sameNumbers(matchNumbersOf("got $0.91 in 2022"), matchNumbersOf("received 0.91 in 2022")); // true
 * sameNumbers(matchNumbersOf("Sixty percent agree"), matchNumbersOf("Ten percent agree")); // false
 */
export function sameNumbers(a: readonly MatchNumber[], b: readonly MatchNumber[]): boolean {
  return a.every((x) => agrees(x, b)) && b.every((y) => agrees(y, a));
}

/**
 * Whether two claims are the same claim said again: the same text hash; or near-same wording
 * (word overlap ≥ 0.5); or other wording with the same distinctive numbers (two or more, or
 * one that is not a year) and at least some words in common (overlap ≥ 0.05). Beyond the same
 * hash, the numbers must agree ({@link sameNumbers}: values with their scale, units, ranks and
 * ordinals, spelled out or in digits) and the states (where both are known) must agree.
 * Null when they do not match. Pure.
 *
 * @example
 * compareClaims({ text: "NJ got $0.91 in 2022", textHash: "a", states: ["NJ"] },
 *               { text: "In 2022 New Jersey received 0.91 dollars", textHash: "b", states: ["NJ"] })?.kind; // "same-numbers"
 */
export function compareClaims(a: MatchSide, b: MatchSide): MatchVerdict | null {
  const similarity = Math.round(jaccard(significantWords(a.text), significantWords(b.text)) * 1000) / 1000;
  if (a.textHash && a.textHash === b.textHash) return { kind: "same-text", similarity, reasons: ["same wording"] };
  const na = matchNumbersOf(a.text);
  const nb = matchNumbersOf(b.text);
  if (!sameNumbers(na, nb)) return null;
  const sa = a.states ? [...a.states].sort() : null;
  const sb = b.states ? [...b.states].sort() : null;
  if (sa && sb && !sameSet(sa, sb)) return null;
  const reasons = [`${Math.round(similarity * 100)}% of the words in common`];
  if (na.length) reasons.push(`same numbers ${na.map((n) => n.label).join(", ")}`);
  if (sa && sb && sa.length) reasons.push(`same places ${sa.join(", ")}`);
  if (!sa || !sb) reasons.push("places unknown for one of them");
  if (similarity >= NEAR_SAME_SIMILARITY) return { kind: "near-same", similarity, reasons };
  const distinctive = na.length >= 2 || (na.length === 1 && na[0].dim !== "year" && !(na[0].dim === "" && /^(1[89]|20)\d\d$/.test(String(na[0].value))));
  if (distinctive && similarity >= SAME_NUMBERS_SIMILARITY) return { kind: "same-numbers", similarity, reasons };
  return null;
}
