/**
 * The official CheckThat! ranking measures, computed per document (see the data README):
 * sort by score, high to low, with a stable sort (ties keep document order); AP sums precision@k at
 * each positive and divides by the number of positives; MAP, R-precision, reciprocal rank and P@k are
 * unweighted means over the documents that have at least one positive.
 */

/** Measures of one document. */
export interface DocMeasures {
  positives: number;
  ap: number;
  rPrecision: number;
  rr: number;
  /** Precision at k for each k of {@link K_VALUES}. */
  pAt: Record<number, number>;
}

/** Averaged measures over documents. */
export interface Measures {
  docs: number;
  map: number;
  rPrecision: number;
  mrr: number;
  pAt: Record<number, number>;
}

/** The reported cut-offs. */
export const K_VALUES = [1, 3, 5, 10, 20, 30] as const;

/**
 * Rank one document by score (stable, descending) and compute its measures.
 *
 * @example
 * docMeasures([0.9, 0.8, 0.7], [0, 1, 1]).ap; // (1/2 + 2/3) / 2
 */
export function docMeasures(scores: ArrayLike<number>, labels: ArrayLike<number>): DocMeasures {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => scores[b] - scores[a]); // Array.prototype.sort is stable (ES2019).
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) positives++;
  let hits = 0;
  let apSum = 0;
  let rr = 0;
  let rHits = 0;
  const pAt: Record<number, number> = {};
  for (let k = 1; k <= n; k++) {
    const rel = labels[order[k - 1]] === 1;
    if (rel) {
      hits++;
      apSum += hits / k;
      if (rr === 0) rr = 1 / k;
    }
    if (k === positives) rHits = hits;
    for (const c of K_VALUES) if (k === c) pAt[c] = hits / c;
  }
  // Documents shorter than k: the official scorer divides by k all the same.
  for (const c of K_VALUES) if (pAt[c] === undefined) pAt[c] = hits / c;
  return { positives, ap: positives ? apSum / positives : 0, rPrecision: positives ? rHits / positives : 0, rr, pAt };
}

/** Average per-document measures over the documents with at least one positive. */
export function averageMeasures(per: DocMeasures[]): Measures {
  const docs = per.filter((d) => d.positives > 0);
  const mean = (f: (d: DocMeasures) => number): number => (docs.length ? docs.reduce((s, d) => s + f(d), 0) / docs.length : 0);
  const pAt: Record<number, number> = {};
  for (const k of K_VALUES) pAt[k] = mean((d) => d.pAt[k]);
  return { docs: docs.length, map: mean((d) => d.ap), rPrecision: mean((d) => d.rPrecision), mrr: mean((d) => d.rr), pAt };
}
