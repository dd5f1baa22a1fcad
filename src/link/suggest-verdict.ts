import type { Suggestion } from "../core/types.js";

/** A suggested verdict; never a final one. */
export type Verdict = Suggestion["verdict"];

/** One recorded figure set against what the claim says. */
export interface Comparison {
  /** Who says it: source label, year and metric ("SmartAsset 2022 funding per income-tax dollar"). */
  label: string;
  recorded: number;
  /** The claimed figure in the same unit (null for a direction-only claim). */
  claimed: number | null;
  /** Decimals the claim states the figure with ("0.93" → 2, "67" → 0). */
  claimedDecimals?: number;
  /** For figures with a donor/taker split: the value between the two (1 per dollar, 0 for balances). */
  pivot?: number;
  /** value (relative difference), rank (places apart), direction (donor/taker agreement). */
  kind?: "value" | "rank" | "direction";
  /** For direction comparisons: whether the recorded figure points the way the claim says. */
  agrees?: boolean;
  /** How to print a figure of this comparison. */
  format?: (v: number) => string;
}

/** A comparison with its verdict and relative difference ((claimed − recorded) / |recorded|). */
export interface Judged extends Comparison {
  verdict: Exclude<Verdict, "no data">;
  rel: number | null;
}

/** What one part of a claim (a state, a pair of states, a group) gets. */
export interface SubjectResult {
  /** "New York", "California ÷ Wyoming", "red states". */
  subject: string;
  judged: Judged[];
  /** Why there is nothing to compare, when `judged` is empty. */
  missing?: string;
  /** Remarks added to the reason (e.g. an assumed metric). */
  remarks?: string[];
}

/** Share of the recorded value within which a claim matches, and is close. */
export const MATCH_WITHIN = 0.02;
export const CLOSE_WITHIN = 0.1;

const ORDER: Record<Judged["verdict"], number> = { matches: 0, close: 1, off: 2, contradicted: 3 };

/**
 * Round to `d` decimals without binary noise (2.025 → 2.03).
 *
 * @example
 * roundTo(67.10, 0); // 67
 */
export function roundTo(v: number, d: number): number {
  return Number(Math.round(Number(`${v}e${d}`)) + `e-${d}`);
}

/**
 * Judge one comparison. Value rules: opposite sides of the pivot (says donor, is taker) →
 * contradicted; within 2 % of the recorded value, or equal once the recorded value is rounded as the
 * claim rounds → matches; within 10 % → close; else off. Ranks: same place → matches, one place
 * apart → close, else off. Directions: agrees → matches, else contradicted.
 *
 * @example
 * judge({ label: "SmartAsset 2022", recorded: 2.53, claimed: 2.53, claimedDecimals: 2 }).verdict; // "matches"
 * judge({ label: "Rockefeller 2022", recorded: 0.95, claimed: 0.93, claimedDecimals: 2 }).verdict; // "close"
 */
export function judge(c: Comparison): Judged {
  if (c.kind === "direction") return { ...c, verdict: c.agrees ? "matches" : "contradicted", rel: null };
  if (c.claimed === null) return { ...c, verdict: "off", rel: null };
  if (c.kind === "rank") {
    const d = Math.abs(c.claimed - c.recorded);
    return { ...c, verdict: d === 0 ? "matches" : d === 1 ? "close" : "off", rel: null };
  }
  const rel = c.recorded === 0 ? (c.claimed === 0 ? 0 : Infinity) : (c.claimed - c.recorded) / Math.abs(c.recorded);
  if (c.pivot !== undefined && Math.sign(c.claimed - c.pivot) * Math.sign(c.recorded - c.pivot) < 0) return { ...c, verdict: "contradicted", rel };
  const equalRounded = c.claimedDecimals !== undefined && roundTo(c.recorded, c.claimedDecimals) === c.claimed;
  const a = Math.abs(rel);
  const verdict = a <= MATCH_WITHIN + 1e-12 || equalRounded ? "matches" : a <= CLOSE_WITHIN + 1e-12 ? "close" : "off";
  return { ...c, verdict, rel };
}

const pct = (rel: number) => `${rel >= 0 ? "+" : ""}${(rel * 100).toFixed(1)}%`;
const PHRASE: Record<Judged["verdict"], string> = { matches: "matches", close: "close to", off: "off from", contradicted: "contradicted by" };

function describe(j: Judged, lead: boolean): string {
  const f = j.format ?? ((v: number) => String(roundTo(v, 2)));
  const diff = j.rel !== null && Number.isFinite(j.rel) && j.verdict !== "matches" ? `, ${pct(j.rel)}` : "";
  if (lead) return `${PHRASE[j.verdict]} ${j.label} (${f(j.recorded)}${diff})`;
  return `${j.label} gives ${f(j.recorded)}${diff ? ` (${diff.slice(2)}, ${j.verdict})` : j.verdict === "contradicted" ? " (contradicts)" : ""}`;
}

/**
 * Best verdict for one subject (a claim agreeing with one publisher is not wrong because another
 * publisher, with another method, says otherwise) and the words for it, every source side by side.
 *
 * @example
 * subjectVerdict({ subject: "Mississippi", judged: [judge({ label: "SmartAsset 2022", recorded: 2.53, claimed: 2.53 })] });
 * // { verdict: "matches", text: "Mississippi: matches SmartAsset 2022 (2.53)" }
 */
export function subjectVerdict(s: SubjectResult): { verdict: Verdict; text: string } {
  const remarks = s.remarks?.length ? ` [${s.remarks.join("; ")}]` : "";
  if (s.judged.length === 0) return { verdict: "no data", text: `${s.subject}: no data${s.missing ? ` (${s.missing})` : ""}${remarks}` };
  const sorted = [...s.judged].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
  const [best, ...rest] = sorted;
  const parts = [describe(best, true), ...rest.map((j) => describe(j, false))];
  const claimed = best.claimed !== null && best.kind !== "direction" ? `, claimed ${(best.format ?? String)(best.claimed)}` : "";
  return { verdict: best.verdict, text: `${s.subject}${claimed}: ${parts.join("; ")}${remarks}` };
}

/**
 * Suggest a verdict for a claim from its subjects: each subject gets its best verdict across
 * sources; the claim gets the weakest of those (one wrong figure in a list makes the list wrong);
 * subjects without data are named in the reason, and only when none has data is the verdict
 * "no data". The reason lists every source's figure with its relative difference.
 *
 * @example
 * suggestVerdict([{ subject: "Alabama", judged: [], missing: "no 2022 figure" }]);
 * // { verdict: "no data", reason: "Alabama: no data (no 2022 figure)" }
 */
export function suggestVerdict(subjects: SubjectResult[]): Suggestion {
  const each = subjects.map(subjectVerdict);
  const withData = each.filter((e) => e.verdict !== "no data");
  const verdict: Verdict = withData.length
    ? withData.reduce<Judged["verdict"]>((w, e) => (ORDER[e.verdict as Judged["verdict"]] > ORDER[w] ? (e.verdict as Judged["verdict"]) : w), "matches")
    : "no data";
  return { verdict, reason: each.map((e) => e.text).join(". ") };
}
