import type { Claim, EvidenceLink, Suggestion } from "../core/types.js";
import { indexDataset, type DatasetIndex } from "./index-dataset.js";
import { defaultLinkConfig, type LinkConfig } from "./link-config.js";
import { matchClaim, type LinkContext } from "./match-fiscal.js";

/** Figures the linker can look up, loaded once per run from the store. */
export interface Dataset {
  rows: DatasetRow[];
  sources: Map<string, DatasetSource>;
  /** Rows indexed by metric and state; built on first use when absent (see `indexDataset`). */
  index?: DatasetIndex;
  /** Metric cues and state groups; the shipped JSON files when absent (see `defaultLinkConfig`). */
  config?: LinkConfig;
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
  /** Set on figures the linker computes (e.g. "derived: expenditures ÷ receipts"); never stored. */
  derived?: string;
}

/** A publisher's description of a source. */
export interface DatasetSource {
  id: string;
  publisher: string | null;
  title: string | null;
  url: string | null;
  method: string | null;
  yearBasis: string | null;
  /** Short name used in suggestions ("SmartAsset 2022"). */
  label?: string | null;
  notes?: string | null;
}

/** Link result for one claim. */
export interface ClaimLinks {
  links: EvidenceLink[];
  suggestion: Suggestion | null;
}

/**
 * Link each claim to the dataset rows it is about and suggest a verdict (see `matchClaim` for the
 * claim shapes). Pure: rows come indexed from `loadDataset` (or are indexed here once per
 * dataset); cues and state groups come from `dataset.config`, else the shipped JSON files.
 * Claims are taken in order so that an elliptical sentence ("New York got $0.93.") can borrow
 * the metric and year of the claim just before it in the same turn.
 *
 * @example
 * linkClaims(claims, dataset, { airDate: "2025-11-14" })[0].links;
 */
export function linkClaims(claims: Claim[], dataset: Dataset, opts: { airDate?: string }): ClaimLinks[] {
  if (dataset.rows.length === 0) return claims.map(() => ({ links: [], suggestion: null }));
  const index = indexDataset(dataset);
  const config = dataset.config ?? defaultLinkConfig();
  let context: LinkContext | null = null;
  return claims.map((claim) => {
    const r = matchClaim(claim, { index, sources: dataset.sources, config, airDate: opts.airDate, context });
    if (r.context) context = r.context;
    return { links: r.links, suggestion: r.suggestion };
  });
}
