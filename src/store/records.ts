import type { ClaimType, EvidenceLink, Quantity, Role, Suggestion, TopicTag } from "../core/types.js";

/** Provenance every stored turn, sentence and claim carries. */
export interface Provenance {
  start_offset: number;
  end_offset: number;
  start_line: number;
  end_line: number;
  start_time: number | null;
  end_time: number | null;
}

/** Everything the pipeline computed for one file, as plain rows ready to store. */
export interface EpisodeRecord {
  episode: {
    id: string;
    source_path: string;
    content_hash: string;
    format: string;
    show: string | null;
    title: string | null;
    air_date: string | null;
    meta: Record<string, unknown>;
    diagnostics: unknown[];
  };
  speakers: { name: string; role: Role; heard_as: string | null }[];
  turns: (Provenance & {
    idx: number;
    speaker: string;
    role: Role;
    confidence: number;
    evidence: string[];
    is_teaser: boolean;
    text: string;
  })[];
  sentences: (Provenance & {
    idx: number;
    turn_idx: number;
    text: string;
    normal: string;
    claimant: string | null;
    score: number;
  })[];
  claims: (Provenance & {
    id: string;
    text_hash: string;
    sentence_idx: number;
    turn_idx: number;
    speaker: string;
    claimant: string;
    role: Role;
    text: string;
    normal: string;
    score: number;
    type: ClaimType;
    year: number | null;
    from_teaser: boolean;
    topics: TopicTag[];
    quantities: Quantity[];
    states: string[];
    links: EvidenceLink[];
    suggestion: Suggestion | null;
  })[];
}
