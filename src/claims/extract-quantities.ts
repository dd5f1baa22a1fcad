import type { Quantity } from "../core/types.js";

/** A quantity with its [start, end) offsets in the text it was found in. */
export interface QuantityMatch extends Quantity {
  start: number;
  end: number;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, dozen: 12 };
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };
const FRACTIONS: Record<string, number> = { half: 1 / 2, halves: 1 / 2, third: 1 / 3, thirds: 1 / 3, quarter: 1 / 4, quarters: 1 / 4, fourth: 1 / 4, fourths: 1 / 4, fifth: 1 / 5, fifths: 1 / 5, tenth: 1 / 10, tenths: 1 / 10 };

const W_UNIT = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const W_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const W_SCALE = "hundred|thousand|million|billion|trillion";
const W_WORD = `(?:(?:${W_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|${W_UNIT}|${W_SCALE})`;
/** Spelled-out numbers: "sixty", "two thousand", "a hundred", "one hundred and five". */
const SPELLED = `(?:\\b(?:an?\\s+)(?=(?:${W_SCALE}|dozen)\\b))?\\b${W_WORD}(?:(?:\\s+|-)(?:and\\s+)?${W_WORD}\\b)*(?:\\s+dozen)?\\b`;
/** Digits with thousands separators and decimals: "4,000", "2.53", ".5". */
const DIGITS_CORE = `(?<![\\p{L}\\d.,-])(?:\\d{1,3}(?:,\\d{3})+|\\d+)?(?:\\.\\d+)?(?<=\\d)(?![\\d])(?!,\\d)(?!\\.\\d)`;
/** A digit number not glued to letters ("50m", "20th" are not numbers here). */
const DIGITS = `${DIGITS_CORE}(?!\\p{L})`;
const MAG = `(?:\\s*(?:${W_SCALE})\\b)`;
const NUM = `(?:${DIGITS}${MAG}?|${SPELLED})`;
const SUPERLATIVE = "largest|biggest|highest|lowest|smallest|richest|poorest|fastest|slowest|oldest|youngest|wealthiest|most populous|least populous|most populated";
const SUPERLATIVE_ANY = new RegExp(SUPERLATIVE, "i");

const RE = {
  email: /[\w.+-]+@[\w-]+(?:\.[\w-]+)*/g,
  url: /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+\.(?:com|org|net|gov|edu)\b(?:\/\S*)?/g,
  phone: /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]\d{3}[\s.-]\d{4}\b|\b\d(?:[ -]\d){6,}\b|\b1-8\d\d-[\dA-Z-]{7,}/g,
  date: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g,
  moneyDollarSign: new RegExp(`\\$\\s?(${DIGITS_CORE})(?:\\s*(${W_SCALE})\\b|\\s?([kKmMbB]|bn|tn)\\b)?`, "gu"),
  moneyWords: new RegExp(`(${NUM})\\s+(?:(?:US|U\\.S\\.)\\s+)?(dollars?|bucks)\\b`, "giu"),
  cents: new RegExp(`(${NUM})\\s+cents?\\b`, "giu"),
  percent: new RegExp(`(${NUM})\\s?(?:%|percent\\b|per\\s?cent\\b|percentage points?\\b)`, "giu"),
  times: new RegExp(`(${NUM})\\s+times\\b`, "giu"),
  twice: /\btwice\s+(?=as\b|the\b|that\b|what\b)/gi,
  fraction: /\b(a|an|one|two|three|four)\s+(half|halves|thirds?|quarters?|fifths?|tenths?)\b(?!\s+(?:largest|biggest|highest|lowest|quarter\b))/gi,
  halfOf: /\bhalf\s+(?=of\b|the\b)/gi,
  rank: new RegExp(`\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\\d+(?:st|nd|rd|th))[\\s-]+(${SUPERLATIVE})\\b`, "gi"),
  rankTop: new RegExp(`\\bthe\\s+(${SUPERLATIVE})\\b`, "gi"),
  year: /(?<![$\d.,/-])\b(1[7-9]\d\d|20\d\d)(s?)\b(?![.,]\d|\s?%|\s?percent)/g,
  number: new RegExp(NUM, "giu"),
};
const PER_DOLLAR_TAIL = /\s+(?:back\s+)?(?:for|on|per|out of)\s+(?:(?:every|each|the|a|one)\s+)?(?:[\w-]+\s+){0,3}?dollars?\b/iy;
const NEXT_WORD = /\s+(?:(?:more|new|additional|extra|active|federal|national|american|million|billion)\s+)?([a-z][a-z'-]*)/iy;
const NOT_A_UNIT = new Set(
  "of or and to the a an in on for at by with from as than that this these those is are was were be been has have had it its we you they he she i who which what when where why how percent times per each every out up down so but if then not no more less about around over under nearly almost just only".split(" "),
);

/**
 * Parse a spelled-out or digit number ("two thousand", "4,000", "sixty-five", "a hundred",
 * "2.5 trillion"). NaN when it is not a number.
 *
 * @example
 * parseNumber("two thousand"); // 2000
 * parseNumber("2.5 trillion"); // 2500000000000
 */
export function parseNumber(text: string): number {
  const t = text.trim().toLowerCase();
  const digits = /^([\d,]*\.?\d+)\s*([a-z]*)$/.exec(t);
  if (digits) {
    const v = Number(digits[1].replace(/,/g, ""));
    const scale = SCALES[digits[2]] ?? ({ "": 1, k: 1e3, m: 1e6, b: 1e9, bn: 1e9, tn: 1e12 } as Record<string, number>)[digits[2]];
    return scale === undefined ? NaN : v * scale;
  }
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of t.split(/[\s-]+/)) {
    if (w === "and") continue;
    if (w === "a" || w === "an") {
      current = current || 1;
      continue;
    }
    if (w in UNITS) {
      current += UNITS[w];
      any = true;
    } else if (w === "hundred" || w === "dozen") {
      current = (current || 1) * SCALES[w];
      any = true;
    } else if (w in SCALES) {
      total += (current || 1) * SCALES[w];
      current = 0;
      any = true;
    } else return NaN;
  }
  return any ? total + current : NaN;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

interface Candidate extends QuantityMatch {
  priority: number;
}

/**
 * Find the quantities in a sentence, normalised to `{kind, value, unit, text}`: money (`$2.53`,
 * `$83 billion`, `2.5 trillion dollars`; a sum followed by "for every … dollar" or "on the dollar"
 * is `per-dollar`), percentages, ratios ("67 times", "twice as", "a third"), ranks ("fourth
 * largest" → 4), years, counts with their noun as unit ("4,000 troops") and spelled-out numbers.
 * Phone numbers, e-mail addresses, web addresses and the digits of dates are never quantities.
 * Each regex is compiled once at module load; one pass per pattern, so linear in the text.
 *
 * @example
 * extractQuantities("New Jersey got back just $0.91 for every federal tax dollar")[0];
 * // { kind: "per-dollar", value: 0.91, unit: "USD", text: "$0.91 for every federal tax dollar", start: 24, end: 58 }
 */
export function extractQuantities(text: string): QuantityMatch[] {
  if (!NUMBERISH.test(text)) return [];
  // Each pattern runs only when the text has what it cannot match without (a digit, "$", "%",
  // its key word, tested with the pattern's own case flags): most sentences skip most patterns.
  const digit = /\d/.test(text);
  const blocked: [number, number][] = [];
  if (text.includes("@")) each(RE.email, text, (m) => blocked.push([m.index, m.index + m[0].length]));
  if (text.includes("http") || text.includes("www.") || /\.(?:com|org|net|gov|edu)/.test(text)) each(RE.url, text, (m) => blocked.push([m.index, m.index + m[0].length]));
  if (digit) each(RE.phone, text, (m) => blocked.push([m.index, m.index + m[0].length]));
  const cands: Candidate[] = [];
  const push = (start: number, end: number, priority: number, q: Quantity) => {
    if (!Number.isFinite(q.value)) return;
    cands.push({ kind: q.kind, value: round(q.value), unit: q.unit, text: q.text, start, end, priority });
  };
  const perDollar = (start: number, end: number, value: number) => {
    PER_DOLLAR_TAIL.lastIndex = end;
    const tail = PER_DOLLAR_TAIL.exec(text);
    if (tail) push(start, tail.index + tail[0].length, 0, { kind: "per-dollar", value, unit: "USD", text: text.slice(start, tail.index + tail[0].length) });
    else push(start, end, 1, { kind: "money", value, unit: "USD", text: text.slice(start, end) });
  };

  if (digit && text.includes("/")) each(RE.date, text, (m) => push(m.index, m.index + m[0].length, 0, { kind: "year", value: yearOf(m[3]), unit: "year", text: m[0] }));
  if (text.includes("$")) each(RE.moneyDollarSign, text, (m) => perDollar(m.index, m.index + m[0].length, parseNumber(`${m[1]} ${m[2] ?? m[3] ?? ""}`)));
  if (/dollar|buck/iu.test(text)) each(RE.moneyWords, text, (m) => perDollar(m.index, m.index + m[0].length, parseNumber(m[1])));
  const cent = /cent/iu.test(text);
  if (cent) each(RE.cents, text, (m) => perDollar(m.index, m.index + m[0].length, parseNumber(m[1]) / 100));
  if (cent || text.includes("%")) each(RE.percent, text, (m) => push(m.index, m.index + m[0].length, 1, { kind: "percent", value: parseNumber(m[1]), unit: "%", text: m[0] }));
  if (/time/iu.test(text)) each(RE.times, text, (m) => push(m.index, m.index + m[0].length, 1, { kind: "ratio", value: parseNumber(m[1]), unit: "x", text: m[0] }));
  if (/twice/i.test(text)) each(RE.twice, text, (m) => push(m.index, m.index + 5, 1, { kind: "ratio", value: 2, unit: "x", text: "twice" }));
  if (/half/i.test(text)) each(RE.halfOf, text, (m) => push(m.index, m.index + 4, 2, { kind: "ratio", value: 0.5, unit: "x", text: "half" }));
  if (/half|halv|third|quarter|fifth|tenth/i.test(text)) each(RE.fraction, text, (m) => {
    const n = /^an?$/i.test(m[1]) ? 1 : UNITS[m[1].toLowerCase()];
    push(m.index, m.index + m[0].length, 1, { kind: "ratio", value: n * FRACTIONS[m[2].toLowerCase()], unit: "x", text: m[0] });
  });
  const superlative = SUPERLATIVE_ANY.test(text);
  if (superlative) each(RE.rank, text, (m) => {
    const o = m[1].toLowerCase();
    push(m.index, m.index + m[0].length, 1, { kind: "rank", value: ORDINALS[o] ?? parseInt(o, 10), unit: "rank", text: m[0] });
  });
  if (superlative) each(RE.rankTop, text, (m) => push(m.index, m.index + m[0].length, 3, { kind: "rank", value: 1, unit: "rank", text: m[0] }));
  if (digit) each(RE.year, text, (m) => {
    NEXT_WORD.lastIndex = m.index + m[0].length;
    const next = NEXT_WORD.exec(text);
    if (next && COUNT_NOUN.test(next[1])) return;
    push(m.index, m.index + m[0].length, 2, { kind: "year", value: Number(m[1]), unit: "year", text: m[0] });
  });
  each(RE.number, text, (m) => {
    const value = parseNumber(m[0]);
    const spelled = !/\d/.test(m[0]);
    NEXT_WORD.lastIndex = m.index + m[0].length;
    const next = NEXT_WORD.exec(text);
    const unit = next && !NOT_A_UNIT.has(next[1].toLowerCase()) ? next[1].toLowerCase() : "";
    // A bare spelled word ("one", "eight or nine") is a quantity only with a noun after it, or
    // with a scale word ("two thousand"); "one" never is.
    if (spelled && (value < 2 || (!unit && value < 100))) return;
    push(m.index, m.index + m[0].length, 4, unit ? { kind: "count", value, unit, text: text.slice(m.index, next!.index + next![0].length) } : { kind: "number", value, unit: "", text: m[0] });
  });

  cands.sort((a, b) => a.start - b.start || b.end - a.end || a.priority - b.priority);
  const out: QuantityMatch[] = [];
  let lastEnd = -1;
  for (const c of cands) {
    if (c.start < lastEnd) continue;
    if (blocked.some(([s, e]) => c.start < e && c.end > s)) continue;
    out.push({ kind: c.kind, value: c.value, unit: c.unit, text: c.text, start: c.start, end: c.end });
    lastEnd = c.end;
  }
  return out;
}

/**
 * Whether {@link extractQuantities} can find a metric quantity (money, per-dollar, percent, ratio,
 * rank) in the text: false when none of the patterns that make one has what it needs — a "$" or
 * "%", or a key word ("dollar", "buck", "cent", "times", "twice", "half", "third"…, a superlative).
 * A necessary condition only, so a caller may skip extraction when it is false.
 *
 * @example
 * mayHaveMetric("Thanks for having me"); // false
 * mayHaveMetric("It grew 5 percent"); // true
 */
export function mayHaveMetric(text: string): boolean {
  return text.includes("$") || text.includes("%") || MAYBE_METRIC.test(text);
}

/**
 * The key words of the metric patterns (see {@link mayHaveMetric}). Unicode case folding ("iu", as
 * the money, percent and ratio patterns use) matches all that plain "i" does and a little more.
 */
const MAYBE_METRIC = new RegExp(`dollar|buck|cent|times|twice|half|halv|third|quarter|fifth|tenth|${SUPERLATIVE}`, "iu");

/** Cheap pre-check: most sentences have no digit and no number word, and skip every pattern. */
const NUMBERISH = new RegExp(`\\d|\\b(?:${W_UNIT}|${W_TENS}|${W_SCALE}|dozen|twice|half|thirds?|quarters?|fifths?|tenths?|first|second|fourth|sixth|seventh|eighth|ninth|tenth|${SUPERLATIVE})\\b`, "i");

const COUNT_NOUN = /^(?:people|persons|troops|soldiers|residents|voters|votes|jobs|workers|immigrants|students|cases|deaths|homes|households|acres|miles)$/i;

function yearOf(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}
