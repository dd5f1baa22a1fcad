import type { MappedText } from "./mapped-text.js";
import type { Diagnostic } from "./diagnostic.js";
import type { Source } from "./source.js";

/** Transcript formats claimcast reads. */
export type FormatId = "caption-page" | "name-colon" | "webvtt" | "srt" | "podcast-json" | "podcast-html" | "whisper-json";

/** Speaker roles, as in the export contract. */
export type Role = "host" | "guest" | "caller" | "listener" | "unknown";

/** What the page or file tells about the episode (title, show, air date, people it lists). */
export interface EpisodeMeta {
  show?: string;
  title?: string;
  /** ISO date (YYYY-MM-DD). */
  airDate?: string;
  /** Names the page or credits list, spelled as the show spells them. */
  names: string[];
  /** Free-form extra facts (duration, description). */
  extra?: Record<string, string>;
}

/**
 * One unit a reader yields: a caption line, a VTT/SRT cue, a JSON segment, a `NAME:` paragraph.
 * `text` maps every character back to the source.
 */
export interface Cue {
  text: MappedText;
  /** Seconds from the start, where the format has times. */
  startTime: number | null;
  endTime: number | null;
  /** Speaker label the format gives (VTT `<v>`, `NAME:`, JSON `speaker`), as written. */
  speaker?: string;
  /** True when the format marks a new turn here without naming the speaker (`- `, `>>`). */
  turnStart?: boolean;
}

/** Output of the read stage. */
export interface ReadResult {
  format: FormatId;
  cues: Cue[];
  meta: EpisodeMeta;
  diagnostics: Diagnostic[];
}

/** What each stage receives besides its data. */
export interface StageContext {
  source: Source;
  report(d: Diagnostic): void;
}

/** A sentence inside a turn. `text` is the original wording; `normal` drops stutters and fillers. */
export interface Sentence {
  text: MappedText;
  normal: string;
  startTime: number | null;
  endTime: number | null;
  /** Set when the host reads out a listener's comment: the listener's name (or "listener"). */
  claimant?: string;
}

/** Output of the clean stage: cues with page chrome and teaser separated, names repaired. */
export interface CleanResult {
  /** Programme cues in order (chrome dropped). */
  cues: Cue[];
  /** Indices into `cues` that form a cold-open teaser repeated later (empty if none). */
  teaser: number[];
  meta: EpisodeMeta;
  /** Names the ASR misheard, with the spelling the show itself gives (additive, optional). */
  repairs?: NameRepair[];
}

/** A name as heard (ASR spelling) and the spelling the show gives for it (credits, page, introductions). */
export interface NameRepair {
  /** The words as they stand in the transcript, e.g. "El ny Kunaki". */
  heard: string;
  /** The show's spelling, e.g. "Ana Ruiz". */
  name: string;
  /** 0..1 similarity (spelling and sound) that decided the repair. */
  score: number;
}

/** A speaker turn. */
export interface Turn {
  index: number;
  /** Display name, or "Speaker 2" / "unknown" where there is no evidence. */
  speaker: string;
  role: Role;
  /** 0..1, how sure the attribution is. */
  confidence: number;
  /** Words that decided the attribution (e.g. `self-introduction: "I'm Ana Ruiz"`). */
  evidence: string[];
  isTeaser: boolean;
  /** The speaker's name as heard (ASR spelling) when it was repaired. */
  heardAs?: string;
  text: MappedText;
  sentences: Sentence[];
  startTime: number | null;
  endTime: number | null;
}

/** A topic tag with the words that triggered it. */
export interface TopicTag {
  id: string;
  label: string;
  terms: string[];
}

/** A number found in a claim, normalised. */
export interface Quantity {
  kind: "money" | "percent" | "ratio" | "count" | "rank" | "year" | "per-dollar" | "number";
  value: number;
  unit: string;
  text: string;
}

/** Claim types, so predictions and anecdotes can be filtered. */
export type ClaimType =
  | "quantity"
  | "comparison"
  | "trend"
  | "cause"
  | "law"
  | "attribution"
  | "prediction"
  | "personal"
  | "other";

/** A check-worthy sentence (or clause). Offsets are into the turn's `text`. */
export interface Claim {
  turnIndex: number;
  sentenceIndex: number;
  text: MappedText;
  normal: string;
  score: number;
  type: ClaimType;
  topics: TopicTag[];
  quantities: Quantity[];
  /** Two-letter state codes, plus group ids such as "group:red-states". */
  states: string[];
  /** The year the claim is about, when it names one. */
  year: number | null;
  speaker: string;
  claimant: string;
  startTime: number | null;
  endTime: number | null;
  fromTeaser: boolean;
}

/** A link from a claim to a dataset figure. */
export interface EvidenceLink {
  sourceId: string;
  table: string;
  state: string;
  year: number;
  metric: string;
  value: number;
  /** The figure the claim states, in the same unit, if any. */
  claimed?: number | null;
  note?: string;
}

/** A suggested (never final) verdict. */
export interface Suggestion {
  verdict: "matches" | "close" | "off" | "contradicted" | "no data";
  reason: string;
}
