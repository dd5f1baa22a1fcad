/** What the priority of one queue item is computed from. */
export interface PriorityInput {
  /** Check-worthiness of the claim, 0..1. */
  score: number;
  /** The claim's topics with their weights (weight 1 when the topic data has none). */
  topics: { id: string; weight: number }[];
  /** Number of dataset links (figures the desk can check the claim against). */
  links: number;
  /** How many times the claim was said: live items with the same text hash plus confirmed matches (at least 1). */
  timesSaid: number;
  /** In how many episodes (for the explanation only). */
  episodes?: number;
  /** The episode's air date (YYYY-MM-DD), or null when unknown. */
  airDate: string | null;
  /** The reference time for recency. */
  now: Date;
}

/** One factor of a priority, with the words that explain it. */
export interface PriorityPart {
  name: "base" | "check-worthiness" | "topic" | "checkable" | "repeated" | "recency";
  factor: number;
  detail: string;
}

/** A priority and the factors whose product it is. */
export interface Priority {
  priority: number;
  parts: PriorityPart[];
}

/** Factor for a claim the dataset can check. */
export const CHECKABLE_FACTOR = 1.5;
/** Days after which the recency bonus halves. */
export const RECENCY_HALF_LIFE_DAYS = 7;
/** Recency factor when the air date is unknown (between "today" 1 and "long ago" 0.5). */
export const UNKNOWN_AIR_DATE_FACTOR = 0.75;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The priority of a queue item: `100 × score × topic × checkable × repeated × recency`, where
 * topic is the highest weight among the claim's topics (1 without topics; clamped to 0..10),
 * checkable is 1.5 when the claim has dataset links, repeated is `1 + 0.5·⌊log2(times said)⌋` (it steps up each time the count doubles, so an
 * ingest only has to refresh other episodes' items when a count crosses a power of two), and
 * recency is `0.5 + 0.5·2^(−age / 7)` with the age in whole days from the air date to today
 * (UTC; 0.75 when unknown). Pure: the
 * same input always gives the same number, and `parts` multiply to it (before rounding).
 *
 * @example
 * computePriority({ score: 0.8, topics: [], links: 0, timesSaid: 1, airDate: null, now: new Date() }).priority; // 60
 */
export function computePriority(input: PriorityInput): Priority {
  const score = Number.isFinite(input.score) ? Math.min(1, Math.max(0, input.score)) : 0;
  const weighted = input.topics
    .map((t) => ({ id: t.id, weight: Number.isFinite(t.weight) ? Math.min(10, Math.max(0, t.weight)) : 1 }))
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  const topic = weighted[0];
  const n = Math.max(1, Math.floor(input.timesSaid || 1));
  const parts: PriorityPart[] = [
    { name: "base", factor: 100, detail: "scale" },
    { name: "check-worthiness", factor: round(score), detail: `claim score ${score.toFixed(2)}` },
    {
      name: "topic",
      factor: topic ? topic.weight : 1,
      detail: topic ? `${topic.id} (weight ${topic.weight}${weighted.length > 1 ? `, highest of ${weighted.length} topics` : ""})` : "no topic",
    },
    {
      name: "checkable",
      factor: input.links > 0 ? CHECKABLE_FACTOR : 1,
      detail: input.links > 0 ? `${input.links} dataset link${input.links === 1 ? "" : "s"}` : "no dataset link",
    },
    {
      name: "repeated",
      factor: round(1 + 0.5 * Math.floor(Math.log2(n))),
      detail: n === 1 ? "said once" : `said ${n} times${input.episodes && input.episodes > 1 ? ` in ${input.episodes} episodes` : ""}`,
    },
    recencyPart(input.airDate, input.now),
  ];
  const product = parts.reduce((p, x) => p * x.factor, 1);
  return { priority: round(product, 2), parts };
}

function recencyPart(airDate: string | null, now: Date): PriorityPart {
  const t = airDate && /^\d{4}-\d{2}-\d{2}/.test(airDate) ? Date.parse(airDate.slice(0, 10) + "T00:00:00Z") : NaN;
  if (!Number.isFinite(t)) return { name: "recency", factor: UNKNOWN_AIR_DATE_FACTOR, detail: "air date unknown" };
  // Whole days between the air date and today (UTC), so a priority only moves at midnight.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.max(0, Math.round((today - t) / 86_400_000));
  const factor = round(0.5 + 0.5 * 2 ** (-days / RECENCY_HALF_LIFE_DAYS));
  const ago = days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`;
  return { name: "recency", factor, detail: `aired ${airDate!.slice(0, 10)}, ${ago}` };
}

/**
 * One line that explains a priority: `61.5 = 100 × 0.82 (claim score 0.82) × …`.
 *
 * @example
 * explainPriority(computePriority(input));
 */
export function explainPriority(p: Priority): string {
  return `${p.priority} = ` + p.parts.map((x) => (x.name === "base" ? String(x.factor) : `${x.factor} (${x.name}: ${x.detail})`)).join(" × ");
}
