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
 * Whether two claims are the same claim said again: the same text hash; or near-same wording
 * (word overlap ≥ 0.5); or other wording with the same distinctive numbers (two or more, or
 * one that is not a year) and at least some words in common (overlap ≥ 0.05). Beyond the same
 * hash, the numbers must be the same set and the states (where both are known) must agree.
 * Null when they do not match. Pure.
 *
 * @example
 * compareClaims({ text: "NJ got $0.91 in 2022", textHash: "a", states: ["NJ"] },
 *               { text: "In 2022 New Jersey received 0.91 dollars", textHash: "b", states: ["NJ"] })?.kind; // "same-numbers"
 */
export function compareClaims(a: MatchSide, b: MatchSide): MatchVerdict | null {
  const similarity = Math.round(jaccard(significantWords(a.text), significantWords(b.text)) * 1000) / 1000;
  if (a.textHash && a.textHash === b.textHash) return { kind: "same-text", similarity, reasons: ["same wording"] };
  const na = numbersIn(a.text);
  const nb = numbersIn(b.text);
  if (!sameSet(na, nb)) return null;
  const sa = a.states ? [...a.states].sort() : null;
  const sb = b.states ? [...b.states].sort() : null;
  if (sa && sb && !sameSet(sa, sb)) return null;
  const reasons = [`${Math.round(similarity * 100)}% of the words in common`];
  if (na.length) reasons.push(`same numbers ${na.join(", ")}`);
  if (sa && sb && sa.length) reasons.push(`same places ${sa.join(", ")}`);
  if (!sa || !sb) reasons.push("places unknown for one of them");
  if (similarity >= NEAR_SAME_SIMILARITY) return { kind: "near-same", similarity, reasons };
  const distinctive = na.length >= 2 || (na.length === 1 && !/^(1[89]|20)\d\d$/.test(na[0]));
  if (distinctive && similarity >= SAME_NUMBERS_SIMILARITY) return { kind: "same-numbers", similarity, reasons };
  return null;
}
