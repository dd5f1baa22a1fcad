import type { Claim, ClaimType, Quantity, StageContext, TopicTag, Turn } from "../core/types.js";
import { classifyClaim, detectCues, type ClaimCues } from "./classify-claim.js";
import { extractQuantities, mayHaveMetric, type QuantityMatch } from "./extract-quantities.js";
import { compilePlaceMatcher, findPlaces, type PlaceMatch, type PlaceMatcher } from "./extract-states.js";
import { loadTaxonomy, type ClaimTaxonomy, type TopicTaxonomy } from "./load-taxonomy.js";
import { mergeFragments, type SentenceUnit } from "./merge-fragments.js";
import { splitClauses } from "./split-clauses.js";
import { compileTopicMatcher, compileTopicPrefilter, tagTopicTokens, type TopicMatcher } from "./tag-topics.js";
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
 * Everything the stage works out for one unit (sentence, fragments re-joined). Only the cues are
 * worked out for every unit (the stored score depends on them); quantities, tokens, places and
 * topics are worked out on first use, which for most units is never: a unit that is excluded,
 * or scores below the threshold and fails the cheap pre-checks of {@link promotionOf}, needs none.
 */
interface UnitInfo {
  unit: SentenceUnit;
  readonly tokens: WordToken[];
  readonly places: PlaceMatch[];
  readonly topics: TopicTag[];
  readonly quantities: QuantityMatch[];
  /** Whether one of the quantities is a metric ({@link METRIC_KINDS}), without extracting them when the text cannot hold one. */
  readonly hasMetric: boolean;
  cues: ClaimCues;
  score: number;
  claim: boolean;
}

/** The per-episode tables a {@link LazyUnitInfo} reads from and memoises into. */
interface EpisodeMemo {
  infos: LazyUnitInfo[];
  /** Tokens per turn, per unit of the turn (also the context of the neighbours' topics). */
  tokens: (WordToken[] | undefined)[][];
  topicMatcher: TopicMatcher;
  placeMatcher: PlaceMatcher;
}

/** A {@link UnitInfo} whose quantities, tokens, places and topics are computed once, when first read. */
class LazyUnitInfo implements UnitInfo {
  claim = false;
  private quantitiesMemo: QuantityMatch[] | undefined;
  private metricMemo: boolean | undefined;
  private ownPlacesMemo: PlaceMatch[] | undefined;
  /** Final places (own, or inherited by "we"/"it"); set by {@link resolvePlaces}. */
  placesMemo: PlaceMatch[] | undefined;
  private topicsMemo: TopicTag[] | undefined;
  constructor(
    readonly unit: SentenceUnit,
    /** Index of the unit in the episode ({@link EpisodeMemo.infos}). */
    readonly index: number,
    /** Turn number (in the episode) and index of the unit within its turn. */
    private readonly turnNo: number,
    private readonly inTurn: number,
    public cues: ClaimCues,
    public score: number,
    private readonly memo: EpisodeMemo,
  ) {}
  get text(): string {
    return this.unit.text.text;
  }
  get quantities(): QuantityMatch[] {
    return (this.quantitiesMemo ??= extractQuantities(this.text));
  }
  get hasMetric(): boolean {
    return (this.metricMemo ??= mayHaveMetric(this.text) && this.quantities.some((q) => METRIC_KINDS.has(q.kind)));
  }
  get tokens(): WordToken[] {
    return tokensOf(this.memo, this.turnNo, this.inTurn, this.unit);
  }
  get ownPlaces(): PlaceMatch[] {
    return (this.ownPlacesMemo ??= findPlaces(this.memo.placeMatcher, this.text, this.tokens));
  }
  get places(): PlaceMatch[] {
    return this.placesMemo ?? resolvePlaces(this.memo.infos, this.index);
  }
  get topics(): TopicTag[] {
    if (this.topicsMemo) return this.topicsMemo;
    const { topicMatcher } = this.memo;
    const i = this.inTurn;
    const unitsInTurn = this.memo.tokens[this.turnNo].length;
    const first = this.index - i;
    const window = topicMatcher.window;
    // Only context-gated terms read the neighbours' stems: built when one is found.
    const context = () => {
      const set = new Set<string>();
      for (let j = Math.max(0, i - window); j <= Math.min(unitsInTurn - 1, i + window); j++)
        if (j !== i) for (const w of tokensOf(this.memo, this.turnNo, j, this.memo.infos[first + j].unit)) set.add(w.stem);
      return set;
    };
    return (this.topicsMemo = tagTopicTokens(topicMatcher, this.text, this.tokens, context));
  }
  /** Whether a figure stated about "we" / "it" takes the places of the previous sentences. */
  inheritsPlaces(own: readonly PlaceMatch[]): boolean {
    return own.length === 0 && this.hasMetric && PRONOUN_SUBJECT.test(this.text);
  }
}

function tokensOf(memo: EpisodeMemo, turnNo: number, inTurn: number, unit: SentenceUnit): WordToken[] {
  const row = memo.tokens[turnNo];
  return (row[inTurn] ??= tokenizeWords(unit.text.text));
}

/**
 * The places of unit `i`: its own, or — a metric figure stated about "we" / "it" with no place
 * of its own — the state places of the nearest of the two previous sentences of the same turn
 * that has any (themselves possibly inherited). Memoised; iterative, so a long run of such
 * sentences needs no deep recursion. The same result as assigning places to every unit in order.
 */
function resolvePlaces(infos: readonly LazyUnitInfo[], i: number): PlaceMatch[] {
  const pending = [i];
  while (pending.length > 0) {
    const k = pending[pending.length - 1];
    const info = infos[k];
    if (info.placesMemo) {
      pending.pop();
      continue;
    }
    const own = info.ownPlaces;
    let result: PlaceMatch[] = own;
    let waiting = false;
    if (info.inheritsPlaces(own)) {
      for (let j = k - 1; j >= Math.max(0, k - 2) && infos[j].unit.turn === info.unit.turn; j--) {
        const prev = infos[j].placesMemo;
        if (!prev) {
          pending.push(j);
          waiting = true;
          break;
        }
        const inherited = prev.filter((p) => /^[A-Z]{2}$/.test(p.code));
        if (inherited.length > 0) {
          result = inherited.map((p) => ({ ...p, start: -1, end: -1 }));
          break;
        }
      }
    }
    if (waiting) continue;
    info.placesMemo = result;
    pending.pop();
  }
  return infos[i].placesMemo!;
}

/**
 * Score every sentence and keep the check-worthy ones as claims, tagged with topics, numbers,
 * states, a year and a type. Returns the claims and the final score of every sentence of every
 * turn (episode order, teaser included).
 *
 * Steps: (1) re-join sentence fragments an upstream splitter cut at a decimal point or an
 * abbreviation (each fragment gets its unit's score); (2) score the units with `scoreDocument`;
 * (3) find each unit's cues; (4) exclude what cannot be a claim ({@link excludedBy}) and lower
 * its score by {@link CUE_FACTORS}; (5) promote strong checkable sentences below the threshold
 * (see {@link promotionOf}); places, quantities and topics (neighbouring sentences of the same
 * turn as context) are worked out only where these steps or the claims need them, behind cheap
 * pre-checks, so most sentences are never tokenised (see {@link UnitInfo}); (6) split enumerations into clauses;
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
  const promotion = promotionRulesOf(taxonomy.topics, topicMatcher);

  const byTurn = turns.map((t) => mergeFragments(t));
  const normals: string[] = [];
  for (const turnUnits of byTurn) for (const u of turnUnits) normals.push(u.normal); // (Array.flat is slow)
  const base = opts.scoreDocument(normals);

  const memo: EpisodeMemo = { infos: [], tokens: byTurn.map((u) => new Array<WordToken[] | undefined>(u.length)), topicMatcher, placeMatcher };
  const infos = memo.infos;
  byTurn.forEach((turnUnits, turnNo) => {
    turnUnits.forEach((unit, i) => {
      infos.push(new LazyUnitInfo(unit, infos.length, turnNo, i, detectCues(unit.text.text), base[infos.length], memo));
    });
  });

  for (const info of infos) {
    const c = info.cues;
    // Whether the unit has a quantity changes its score only with a courtesy or opinion cue.
    const hasQuantity = (c.courtesy || (c.opinion && !c.reported)) && info.quantities.length > 0;
    const adjusted = adjustScore(info.score, c, hasQuantity);
    if (excludedBy(c, hasQuantity) !== null) {
      info.score = adjusted;
      continue;
    }
    // Promotion only lifts a score below the threshold up to it: above, it changes nothing.
    const promoted = !(adjusted >= opts.threshold) && promotionOf(info, promotion) !== null;
    info.score = promoted ? Math.max(adjusted, opts.threshold) : adjusted;
    info.claim = info.score >= opts.threshold;
  }

  const sentenceScores: number[] = [];
  for (const info of infos) for (let s = info.unit.first; s <= info.unit.last; s++) sentenceScores.push(info.score);

  const claims = buildClaims(infos);
  if (!claims.some((c) => c.fromTeaser)) return { claims, sentenceScores };
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
function promotionOf(info: UnitInfo, rules: PromotionRules): "figure" | "topic" | null {
  const c = info.cues;
  if (c.contact || c.question || (!c.reported && (c.hypothetical || c.prediction))) return null;
  if (info.hasMetric && info.places.length > 0) return "figure";
  const text = info.unit.text.text;
  // The cheap tests first: the topic pre-filter rules out most units before they are tokenised.
  if (c.opinion || !rules.mayHaveHeavyTopic(text) || info.tokens.length < 8) return null;
  const heavy = info.topics.some((t) => (rules.weightOf.get(t.id) ?? 1) >= PROMOTE_TOPIC_WEIGHT);
  if (heavy && FACTUAL_TYPES.has(classifyClaim(text, info.quantities, c))) return "topic";
  return null;
}

/** What {@link promotionOf} needs from the taxonomy, compiled once per taxonomy. */
interface PromotionRules {
  weightOf: ReadonlyMap<string, number>;
  /** False only when no topic of weight ≥ {@link PROMOTE_TOPIC_WEIGHT} can be tagged in the text. */
  mayHaveHeavyTopic: (text: string) => boolean;
}

const promotionRules = new WeakMap<TopicMatcher, PromotionRules>();

function promotionRulesOf(topics: TopicTaxonomy, matcher: TopicMatcher): PromotionRules {
  let rules = promotionRules.get(matcher);
  if (!rules) {
    const weightOf = new Map(topics.topics.map((t) => [t.id, t.weight] as const));
    const heavy = (i: number) => (weightOf.get(topics.topics[i].id) ?? 1) >= PROMOTE_TOPIC_WEIGHT;
    rules = { weightOf, mayHaveHeavyTopic: compileTopicPrefilter(matcher, heavy) };
    promotionRules.set(matcher, rules);
  }
  return rules;
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
      const qs: Quantity[] = info.quantities.filter(inClause).map((q) => ({ kind: q.kind, value: q.value, unit: q.unit, text: q.text }));
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
  // A programme sentence repeats a teaser claim of n words when it holds at least 0.8·n of them
  // (an equal key holds all). So it holds at least one of any (misses allowed + 1) of them: of
  // the claim's longest words, which the sentence's lower-cased text must contain (each word of
  // a loose key is a substring of the lower-cased text). Only sentences that do are keyed; the
  // lower-cased texts and keys are worked out on first need and shared by the teaser claims, and
  // the search stops at the first repeat.
  const lower: (string | undefined)[] = new Array(programme.length);
  const held: (Set<string> | undefined)[] = new Array(programme.length);
  const repeated = (c: Claim) => {
    const words = keyOf(c.normal).split(" ");
    const need = 0.8 * words.length;
    let misses = 0;
    while (misses < words.length && words.length - (misses + 1) >= need) misses++;
    const longest = [...words].sort((a, b) => b.length - a.length).slice(0, misses + 1);
    const mayRepeat = new RegExp(longest.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
    for (let i = 0; i < programme.length; i++) {
      if (!mayRepeat.test((lower[i] ??= programme[i].toLowerCase()))) continue;
      const h = (held[i] ??= new Set(keyOf(programme[i]).split(" ")));
      let hits = 0;
      for (const w of words) if (h.has(w) && ++hits >= need) return true;
    }
    return false;
  };
  return claims.filter((c) => !c.fromTeaser || !repeated(c));
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
