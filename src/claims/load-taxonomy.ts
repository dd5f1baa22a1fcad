import { readFileSync } from "node:fs";

/** Words that count for a topic only when a context word is near (ASR variants, ambiguous words). */
export interface ContextGatedTerms {
  terms: string[];
  /** Words (stemmed like the text) of which one must occur in the sentence or its neighbours. */
  context: string[];
  note?: string;
}

/** One topic of the taxonomy (`data/topics.json`). */
export interface TopicDef {
  id: string;
  label: string;
  /** Queue-priority weight (see `src/queue/priority.ts`). */
  weight: number;
  /** Phrases matched case-insensitively on word boundaries, after light stemming. */
  terms: string[];
  /** Phrases matched with their exact spelling (acronyms that are also words: "ICE"). */
  caseSensitiveTerms?: string[];
  contextTerms?: ContextGatedTerms[];
}

/** The topic taxonomy. */
export interface TopicTaxonomy {
  version?: number;
  /** How many sentences either side count as context for context-gated terms. */
  contextWindow?: number;
  topics: TopicDef[];
}

/** One state (or DC) in `data/states.json`. */
export interface StateDef {
  code: string;
  name: string;
  aliases?: string[];
  demonyms: string[];
  /** The USPS code is also an English word or acronym ("IN", "OR", "ME", "OK"). */
  ambiguousAbbreviation?: boolean;
  /** The bare name usually means something else (Washington = the federal government). */
  nameNeedsContext?: boolean;
}

/** States, DC and the nation (`data/states.json`). */
export interface StateData {
  states: StateDef[];
  nation: { code: string; names: string[]; demonyms: string[] };
}

/** A named group of states (`data/state-groups.json`). */
export interface StateGroupDef {
  id: string;
  label: string;
  basis: string;
  terms: string[];
  /** Member codes, or null when membership depends on data (donor/taker: the linker decides). */
  members: string[] | null;
}

/** State groups. */
export interface StateGroupData {
  groups: StateGroupDef[];
}

/** Everything the claims stage reads from `data/`: topics, states and state groups. */
export interface ClaimTaxonomy {
  topics: TopicTaxonomy;
  states: StateData;
  groups: StateGroupData;
}

let cached: ClaimTaxonomy | undefined;

/**
 * The claims stage's data files (`data/topics.json`, `data/states.json`,
 * `data/state-groups.json`), read once per process and cached. This is the claims stage's one file
 * edge; everything else in `src/claims` is pure and takes the taxonomy as an argument.
 *
 * @example
 * const { topics } = loadTaxonomy();
 * topics.topics.find((t) => t.id === "salt")?.weight; // 2.5
 */
export function loadTaxonomy(): ClaimTaxonomy {
  if (cached) return cached;
  const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8")) as T;
  cached = {
    topics: read<TopicTaxonomy>("topics.json"),
    states: read<StateData>("states.json"),
    groups: read<StateGroupData>("state-groups.json"),
  };
  return cached;
}
