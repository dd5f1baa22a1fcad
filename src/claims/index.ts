import type { Claim, ClaimType, Quantity, StageContext, TopicTag, Turn } from "../core/types.js";
import { classifyClaim, detectCues, type ClaimCues } from "./classify-claim.js";
import { extractQuantities, type QuantityMatch } from "./extract-quantities.js";
import { compilePlaceMatcher, findPlaces, type PlaceMatch } from "./extract-states.js";
import { loadTaxonomy, type ClaimTaxonomy } from "./load-taxonomy.js";
import { mergeFragments, type SentenceUnit } from "./merge-fragments.js";
import { splitClauses } from "./split-clauses.js";
import { compileTopicMatcher, tagTopicTokens } from "./tag-topics.js";
import { tokenizeWords, type WordToken } from "./tokenize-words.js";
import { looseKey } from "../clean/char-class.js";

/** Options for {@link detectClaims}. */
export interface DetectOptions {
  /** Scores the sentences of one document in order (higher = more check-worthy). */
  scoreDocument: (sentences: readonly string[]) => Float64Array;
  /** Sentences scoring at or above this become claims. */
  threshold: number;
  /** Topics, states and state groups; defaults to the files in `data/` ({@link loadTaxonomy}). */
  taxonomy?: ClaimTaxonomy;
}

/**
 * Score multipliers for sentences that state nothing checkable (contact lines, courtesy, questions,
 * hypotheticals, predictions, opinions without a number). Such sentences are never claims
 * whatever the scorer says ({@link excludedBy}); the factors only lower the score stored for the
 * sentence so that it ranks accordingly.
 *
 * @example
 * 0.9 * CUE_FACTORS.question; // 0.09
 */
export const CUE_FACTORS = { contact: 0, courtesy: 0.2, question: 0.1, hypothetical: 0.2, prediction: 0.3, opinion: 0.4 } as const;

/**
 * Topic weight from which a topic alone (with a factual claim type) promotes a sentence.
 *
 * @example
 * (loadTaxonomy().topics.topics.find((t) => t.id === "salt")?.weight ?? 0) >= PROMOTE_TOPIC_WEIGHT; // true
 */
export const PROMOTE_TOPIC_WEIGHT = 2.5;

const METRIC_KINDS = new Set<Quantity["kind"]>(["money", "per-dollar", "percent", "ratio", "rank"]);
const FACTUAL_TYPES = new Set<ClaimType>(["law", "cause", "comparison", "trend", "attribution", "quantity"]);
const PRONOUN_SUBJECT = /^(?:(?:and|but|so|well|yeah|now)[,\s]+)*(?:we|we're|it|it's|they|they're|our state|the state|this state)\b/i;

/**
 * Everything the stage works out for one unit (sentence, fragments re-joined). Tokens, places and
 * topics are worked out on first use: many units (questions, opinions…) never need them.
 */
interface UnitInfo {
  unit: SentenceUnit;
  readonly tokens: WordToken[];
  places: PlaceMatch[];
  readonly topics: TopicTag[];
  quantities: QuantityMatch[];
  cues: ClaimCues;
  score: number;
  claim: boolean;
}

/** A {@link UnitInfo} whose tokens, places and topics are computed once, when first read. */
class LazyUnitInfo implements UnitInfo {
  claim = false;
  private placesMemo: PlaceMatch[] | undefined;
  private topicsMemo: TopicTag[] | undefined;
  constructor(
    readonly unit: SentenceUnit,
    public quantities: QuantityMatch[],
    public cues: ClaimCues,
    public score: number,
    private readonly tokensOf: () => WordToken[],
    private readonly placesOf: (tokens: WordToken[]) => PlaceMatch[],
    private readonly topicsOf: (tokens: WordToken[]) => TopicTag[],
  ) {}
  get tokens(): WordToken[] {
    return this.tokensOf();
  }
  get places(): PlaceMatch[] {
    return (this.placesMemo ??= this.placesOf(this.tokens));
  }
  set places(p: PlaceMatch[]) {
    this.placesMemo = p;
  }
  get topics(): TopicTag[] {
    return (this.topicsMemo ??= this.topicsOf(this.tokens));
  }
}

/**
 * Score every sentence and keep the check-worthy ones as claims, tagged with topics, numbers,
 * states, a year and a type. Returns the claims and the final score of every sentence of every
 * turn (episode order, teaser included).
 *
 * Steps: (1) re-join sentence fragments an upstream splitter cut at a decimal point or an
 * abbreviation (each fragment gets its unit's score); (2) score the units with `scoreDocument`;
 * (3) tag each unit with places, quantities, topics (neighbouring sentences of the same turn as
 * context) and cues; (4) exclude what cannot be a claim ({@link excludedBy}) and lower its score by
 * {@link CUE_FACTORS}; (5) promote strong checkable sentences below the threshold (see {@link promotionOf}); (6) split enumerations into clauses;
 * within a figure run (claims of one turn at most two sentences apart sharing a quantity kind)
 * a bare dollar sum after a per-dollar figure is per-dollar, and a claim without its own year or
 * topics takes the previous one's ("In 2022, New Jersey got $0.91 for every dollar. New York got
 * $0.93." → both 2022, per-dollar); `year` is otherwise the first explicit year of the claim;
 * (7) drop teaser claims repeated in the programme. Offsets: a claim's `text` is a slice of its turn's `text`.
 *
 * @example
 * const { claims, sentenceScores } = detectClaims(turns, ctx, { scoreDocument, threshold: 0.5 });
 */
export function detectClaims(turns: Turn[], _ctx: StageContext, opts: DetectOptions): { claims: Claim[]; sentenceScores: number[] } {
  const taxonomy = opts.taxonomy ?? loadTaxonomy();
  const topicMatcher = compileTopicMatcher(taxonomy.topics);
  const placeMatcher = compilePlaceMatcher(taxonomy.states, taxonomy.groups);
  const weightOf = new Map(taxonomy.topics.topics.map((t) => [t.id, t.weight] as const));
  const window = topicMatcher.window;

  const byTurn = turns.map((t) => mergeFragments(t));
  const units = byTurn.flat();
  const base = opts.scoreDocument(units.map((u) => u.normal));

  const infos: UnitInfo[] = [];
  let k = 0;
  for (const turnUnits of byTurn) {
    const tokenMemo: (WordToken[] | undefined)[] = new Array(turnUnits.length);
    const tokens = (j: number) => (tokenMemo[j] ??= tokenizeWords(turnUnits[j].text.text));
    turnUnits.forEach((unit, i) => {
      // Only context-gated terms read the neighbours' stems: built when one is found.
      const context = () => {
        const set = new Set<string>();
        for (let j = Math.max(0, i - window); j <= Math.min(turnUnits.length - 1, i + window); j++) if (j !== i) for (const w of tokens(j)) set.add(w.stem);
        return set;
      };
      const text = unit.text.text;
      infos.push(
        new LazyUnitInfo(
          unit,
          extractQuantities(text),
          detectCues(text),
          base[k++],
          () => tokens(i),
          (ts) => findPlaces(placeMatcher, text, ts),
          (ts) => tagTopicTokens(topicMatcher, text, ts, context),
        ),
      );
    });
  }

  // Places: a figure stated about "we" / "it" takes the places of the previous sentences of the turn.
  infos.forEach((info, i) => {
    if (!info.quantities.some((q) => METRIC_KINDS.has(q.kind)) || !PRONOUN_SUBJECT.test(info.unit.text.text) || info.places.length > 0) return;
    for (let j = i - 1; j >= Math.max(0, i - 2) && infos[j].unit.turn === info.unit.turn; j--) {
      const inherited = infos[j].places.filter((p) => /^[A-Z]{2}$/.test(p.code));
      if (inherited.length > 0) {
        info.places = inherited.map((p) => ({ ...p, start: -1, end: -1 }));
        break;
      }
    }
  });

  for (const info of infos) {
    const adjusted = adjustScore(info.score, info.cues, info.quantities.length > 0);
    if (excludedBy(info.cues, info.quantities.length > 0) !== null) {
      info.score = adjusted;
      continue;
    }
    const promoted = promotionOf(info, weightOf) !== null;
    info.score = promoted ? Math.max(adjusted, opts.threshold) : adjusted;
    info.claim = info.score >= opts.threshold;
  }

  const sentenceScores: number[] = [];
  for (const info of infos) for (let s = info.unit.first; s <= info.unit.last; s++) sentenceScores.push(info.score);

  const claims = buildClaims(infos);
  const programme = infos.filter((i) => !i.unit.turn.isTeaser).map((i) => i.unit.normal);
  return { claims: dropRepeatedTeaserClaims(claims, programme), sentenceScores };
}

/**
 * Why a sentence can never be a claim, or null: a contact line (phone number, e-mail, web
 * address); courtesy or channel chrome without a number ("thank you", "please", "subscribe");
 * a question (trailing "?", inverted auxiliary or "wh- + auxiliary" opening); a
 * hypothetical ("what if", "imagine", "suppose", "could", "might"); a prediction ("will",
 * "would", "going to"); an opinion ("I think", "should", "it's time"…) with no number in it.
 * A read-out listener message ("Sam writes in to say, …") is exempt from the hypothetical,
 * prediction and opinion rules — what gets checked is the listener's premise — but not from the
 * question rule.
 *
 * @example
 * excludedBy(detectCues("The effect would be devastating for red states."), false); // "prediction"
 */
export function excludedBy(cues: ClaimCues, hasQuantity: boolean): "contact" | "courtesy" | "question" | "hypothetical" | "prediction" | "opinion" | null {
  if (cues.contact) return "contact";
  if (cues.courtesy && !hasQuantity) return "courtesy";
  if (cues.question) return "question";
  if (cues.reported) return null;
  if (cues.hypothetical) return "hypothetical";
  if (cues.prediction) return "prediction";
  if (cues.opinion && !hasQuantity) return "opinion";
  return null;
}

/**
 * The scorer's score times the cue factors ({@link CUE_FACTORS}): contact details, questions,
 * hypotheticals and predictions (except in read-out messages), and opinions without numbers.
 *
 * @example
 * adjustScore(0.9, detectCues("What if they stopped paying?"), false); // 0.09
 */
export function adjustScore(score: number, cues: ClaimCues, hasQuantity: boolean): number {
  let s = score;
  if (cues.contact) s *= CUE_FACTORS.contact;
  if (cues.courtesy && !hasQuantity) s *= CUE_FACTORS.courtesy;
  if (cues.question) s *= CUE_FACTORS.question;
  if (cues.hypothetical && !cues.reported) s *= CUE_FACTORS.hypothetical;
  if (cues.prediction && !cues.reported) s *= CUE_FACTORS.prediction;
  if (cues.opinion && !hasQuantity && !cues.reported) s *= CUE_FACTORS.opinion;
  return s;
}

/**
 * Why a sentence below the threshold is still a claim, or null. Never for questions, contact
 * lines, or (outside read-out messages) hypotheticals and predictions. Two rules:
 * - `figure`: a place (state, DC, US or a state group, or the places of the previous sentence for
 *   "we"/"it") plus a metric figure (money, per-dollar, percent, ratio, rank) — "state + metric +
 *   number", the signature of what the fiscal linker can check;
 * - `topic`: a topic of weight ≥ {@link PROMOTE_TOPIC_WEIGHT} plus a factual claim type (law,
 *   cause, comparison, trend, attribution, quantity), no opinion cue, at least 8 words.
 *
 * @example
 * promotionOf(info, weights); // "figure"
 */
function promotionOf(info: UnitInfo, weightOf: ReadonlyMap<string, number>): "figure" | "topic" | null {
  const c = info.cues;
  if (c.contact || c.question || (!c.reported && (c.hypothetical || c.prediction))) return null;
  if (info.quantities.some((q) => METRIC_KINDS.has(q.kind)) && info.places.length > 0) return "figure";
  if (c.opinion || info.tokens.length < 8) return null;
  const heavy = info.topics.some((t) => (weightOf.get(t.id) ?? 1) >= PROMOTE_TOPIC_WEIGHT);
  if (heavy && FACTUAL_TYPES.has(classifyClaim(info.unit.text.text, info.quantities, c))) return "topic";
  return null;
}

function buildClaims(infos: UnitInfo[]): Claim[] {
  const claims: Claim[] = [];
  let prev: { turn: Turn; unitIndex: number; quantities: Quantity[]; year: number | null; topics: TopicTag[] } | null = null;
  infos.forEach((info, unitIndex) => {
    if (!info.claim) return;
    const { unit } = info;
    const text = unit.text.text;
    const clauses = splitClauses(text, info.places.filter((p) => p.start >= 0), info.quantities);
    for (const clause of clauses) {
      const inClause = <T extends { start: number }>(x: T) => x.start < 0 || clauses.length === 1 || (x.start >= clause.start && x.start < clause.end);
      const qs: Quantity[] = info.quantities.filter(inClause).map(({ start: _s, end: _e, ...q }) => q);
      const slice = unit.text.slice(clause.start, clause.end);
      const sameRun = prev !== null && prev.turn === unit.turn && unitIndex - prev.unitIndex <= 2;
      if (sameRun) inheritMetric(prev!.quantities, qs);
      const continues = sameRun && qs.some((q) => q.kind !== "year" && prev!.quantities.some((p) => p.kind === q.kind));
      let year = qs.find((q) => q.kind === "year")?.value ?? null;
      if (year === null && continues && prev!.year !== null) year = prev!.year;
      const topics = info.topics.length === 0 && continues ? prev!.topics : info.topics;
      const states: string[] = [];
      for (const p of info.places.filter(inClause)) if (!states.includes(p.code)) states.push(p.code);
      const cues = clauses.length === 1 ? info.cues : detectCues(slice.text);
      claims.push({
        turnIndex: unit.turn.index,
        sentenceIndex: unit.first,
        text: slice,
        normal: clauses.length === 1 ? unit.normal : slice.text,
        score: info.score,
        type: classifyClaim(slice.text, qs, { ...cues, reported: info.cues.reported }),
        topics,
        quantities: qs,
        states,
        year,
        speaker: unit.turn.speaker,
        claimant: unit.turn.sentences[unit.first].claimant ?? info.cues.reportedName ?? unit.turn.speaker,
        startTime: unit.turn.sentences[unit.first].startTime,
        endTime: unit.turn.sentences[unit.last].endTime,
        fromTeaser: unit.turn.isTeaser,
      });
      prev = { turn: unit.turn, unitIndex, quantities: qs, year, topics };
    }
  });
  return claims;
}

/**
 * A figure run ("New Jersey got back $0.91 for every federal tax dollar. New York got $0.93.")
 * states the metric once: a bare dollar sum under $100 right after a per-dollar figure of the
 * same turn is per-dollar too. Mutates `cur`.
 *
 * @example
 * const cur = [{ kind: "money", value: 0.93, unit: "USD", text: "$0.93" }];
 * inheritMetric([{ kind: "per-dollar", value: 0.91, unit: "USD", text: "$0.91 for every dollar" }], cur);
 * cur[0].kind; // "per-dollar"
 */
export function inheritMetric(prev: readonly Quantity[], cur: Quantity[]): void {
  if (!prev.some((q) => q.kind === "per-dollar")) return;
  cur.forEach((q, i) => {
    if (q.kind === "money" && q.value < 100 && !/illion|thousand/i.test(q.text)) cur[i] = { ...q, kind: "per-dollar" };
  });
}

const keyOf = looseKey;

/**
 * Teaser claims (from turns marked `isTeaser`) keep `fromTeaser: true` and are dropped when the
 * programme says the same thing again — at least 80 % of the teaser claim's words in one
 * programme sentence, claim or not — so a claim is never counted twice and the programme's
 * version (its time, its speaker, its own verdict on whether it is a claim) is the one kept. A
 * teaser claim that does not come back stays. `programme` holds the programme's sentences
 * (defaults to the non-teaser claims).
 *
 * @example
 * dropRepeatedTeaserClaims(claims, programmeSentences).filter((c) => c.fromTeaser).length;
 */
export function dropRepeatedTeaserClaims(claims: Claim[], programme: readonly string[] = claims.filter((c) => !c.fromTeaser).map((c) => c.normal)): Claim[] {
  if (!claims.some((c) => c.fromTeaser)) return claims;
  const programmeKeys = programme.map(keyOf);
  const keys = new Set(programmeKeys);
  // Which programme sentences hold each word (built on first need): counting a teaser claim's
  // words per sentence through it is the same as testing each sentence's word set.
  let postings: Map<string, number[]> | undefined;
  const postingsOf = () => {
    if (postings) return postings;
    postings = new Map();
    programmeKeys.forEach((k, i) => {
      for (const w of k.split(" ")) {
        const list = postings!.get(w);
        if (!list) postings!.set(w, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    return postings;
  };
  return claims.filter((c) => {
    if (!c.fromTeaser) return true;
    const key = keyOf(c.normal);
    if (keys.has(key)) return false;
    const words = key.split(" ");
    const index = postingsOf();
    const hits = new Int32Array(programme.length);
    for (const w of words) for (const i of index.get(w) ?? []) if (++hits[i] >= 0.8 * words.length) return false;
    return !hits.some((h) => h >= 0.8 * words.length);
  });
}

/**
 * A transparent fallback scorer used until a trained model is present: numbers, states and
 * comparison words make a sentence more check-worthy; questions and short turns less.
 *
 * @example
 * heuristicScore(["California got $0.99 per dollar."])[0] > 0.5; // true
 */
export function heuristicScore(sentences: readonly string[]): Float64Array {
  const out = new Float64Array(sentences.length);
  sentences.forEach((s, i) => {
    let x = -1.5;
    if (/\d/.test(s)) x += 1.5;
    if (/\b(percent|billion|million|trillion|times|more than|less than|per|dollars?)\b/i.test(s)) x += 1;
    if (/\?\s*$/.test(s)) x -= 2;
    if (s.split(/\s+/).length < 6) x -= 1.5;
    out[i] = 1 / (1 + Math.exp(-x));
  });
  return out;
}
