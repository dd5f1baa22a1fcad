/**
 * Choosing the queue threshold on dev: pool every dev sentence, sweep the calibrated score, and take
 * the threshold with the best F1 on the check-worthy class (ties: the higher threshold).
 */

/** One point of the sweep. */
export interface ThresholdPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of all sentences at or above the threshold. */
  flagged: number;
}

/** The F1-best threshold over pooled (score, label) pairs. */
export function chooseThreshold(scores: number[], labels: number[]): ThresholdPoint {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  const total = labels.reduce((s, y) => s + (y === 1 ? 1 : 0), 0);
  let tp = 0;
  let best: ThresholdPoint = { threshold: 1, precision: 0, recall: 0, f1: 0, flagged: 0 };
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]] === 1) tp++;
    // Only cut between distinct scores.
    if (k + 1 < order.length && scores[order[k + 1]] === scores[order[k]]) continue;
    const precision = tp / (k + 1);
    const recall = total ? tp / total : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { threshold: scores[order[k]], precision, recall, f1, flagged: (k + 1) / order.length };
  }
  return best;
}

/** Precision, recall and flagged share at a given threshold. */
export function pointAt(scores: number[], labels: number[], threshold: number): ThresholdPoint {
  let tp = 0;
  let n = 0;
  let total = 0;
  scores.forEach((s, i) => {
    if (labels[i] === 1) total++;
    if (s >= threshold) {
      n++;
      if (labels[i] === 1) tp++;
    }
  });
  const precision = n ? tp / n : 0;
  const recall = total ? tp / total : 0;
  return { threshold, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, flagged: n / scores.length };
}
