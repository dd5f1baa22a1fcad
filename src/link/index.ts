import type { Claim, EvidenceLink, Suggestion } from "../core/types.js";

/** Figures the linker can look up, loaded once per run from the store. */
export interface Dataset {
  rows: DatasetRow[];
  sources: Map<string, DatasetSource>;
}

/** One dataset figure with its provenance. */
export interface DatasetRow {
  table: string;
  sourceId: string;
  state: string;
  year: number;
  metric: string;
  value: number;
  variant: string | null;
}

/** A publisher's description of a source. */
export interface DatasetSource {
  id: string;
  publisher: string | null;
  title: string | null;
  url: string | null;
  method: string | null;
  yearBasis: string | null;
}

/** Link result for one claim. */
export interface ClaimLinks {
  links: EvidenceLink[];
  suggestion: Suggestion | null;
}

/**
 * Link claims to dataset rows and suggest a verdict.
 * (Walking-skeleton version: links nothing.)
 *
 * @example
 * linkClaims(claims, dataset, { airDate: "2025-11-14" })[0].links;
 */
export function linkClaims(claims: Claim[], _dataset: Dataset, _opts: { airDate?: string }): ClaimLinks[] {
  return claims.map(() => ({ links: [], suggestion: null }));
}
