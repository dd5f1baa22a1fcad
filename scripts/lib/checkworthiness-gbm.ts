/**
 * Gradient-boosted stumps over a handful of dense per-sentence cues (eval experiment): the base
 * ranker's score, its neighbours' scores, the score relative to the document, length, digits,
 * questions and position. Logistic loss, Newton leaf values, deterministic.
 */

/** Number of dense cues per sentence. */
export const GBM_FEATURES = 12;

/** Dense cues of each sentence of one document from the base ranker's raw scores. */
export function gbmFeatures(sentences: readonly string[], s: ArrayLike<number>): Float64Array[] {
  const n = sentences.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += s[i];
  mean /= Math.max(1, n);
  let v = 0;
  for (let i = 0; i < n; i++) v += (s[i] - mean) ** 2;
  const sd = Math.sqrt(v / Math.max(1, n)) || 1;
  const sorted = Array.from(s).sort((a, b) => a - b);
  const rankOf = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m] < x) lo = m + 1;
      else hi = m;
    }
    return n > 1 ? lo / (n - 1) : 0.5;
  };
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const t = sentences[i];
    const prev = i > 0 ? s[i - 1] : mean;
    const next = i + 1 < n ? s[i + 1] : mean;
    let digits = 0;
    for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) >= 48 && t.charCodeAt(k) <= 57) digits++;
    out.push(
      Float64Array.from([
        s[i],
        (s[i] - mean) / sd,
        rankOf(s[i]),
        (prev - mean) / sd,
        (next - mean) / sd,
        Math.max(prev, next) - s[i],
        Math.log(1 + t.length),
        digits,
        t.trimEnd().endsWith("?") ? 1 : 0,
        i > 0 && sentences[i - 1].trimEnd().endsWith("?") ? 1 : 0,
        n > 1 ? i / (n - 1) : 0,
        Math.log(1 + n),
      ]),
    );
  }
  return out;
}

/** One stump: x[feature] <= cut ? left : right. */
export interface Stump {
  feature: number;
  cut: number;
  left: number;
  right: number;
}

/** A boosted stump model. */
export interface Gbm {
  base: number;
  /** Initial margin `a·x[0] + base` (boosting from the base ranker's Platt-scaled score). */
  a: number;
  stumps: Stump[];
}

/** Score one row. */
export function gbmScore(m: Gbm, x: ArrayLike<number>): number {
  let z = m.base + m.a * x[0];
  for (const t of m.stumps) z += x[t.feature] <= t.cut ? t.left : t.right;
  return z;
}

/** Fit boosted stumps (logistic loss, shrinkage `lr`, cuts at up to 32 quantiles per feature). */
export function trainGbm(X: Float64Array[], y: ArrayLike<number>, w: ArrayLike<number>, trees: number, lr: number, lambda = 1, init?: { a: number; b: number }): Gbm {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  let sw = 0;
  let sp = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    sp += w[i] * y[i];
  }
  const a = init?.a ?? 0;
  const base = init ? init.b : Math.log((sp + 1) / (sw - sp + 1));
  const z = Float64Array.from(X, (x) => base + a * x[0]);
  // Per feature: rows sorted by value and candidate cuts.
  const orders: Int32Array[] = [];
  for (let f = 0; f < d; f++) orders.push(Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => X[a][f] - X[b][f] || a - b));
  const stumps: Stump[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < trees; t++) {
    let G = 0;
    let Hs = 0;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      g[i] = w[i] * (p - y[i]);
      h[i] = w[i] * Math.max(1e-6, p * (1 - p));
      G += g[i];
      Hs += h[i];
    }
    let best: Stump | undefined;
    let bestGain = 0;
    for (let f = 0; f < d; f++) {
      const ord = orders[f];
      const step = Math.max(1, Math.floor(n / 32));
      let gl = 0;
      let hl = 0;
      let next = step;
      for (let k = 0; k < n - 1; k++) {
        const i = ord[k];
        gl += g[i];
        hl += h[i];
        if (k + 1 < next) continue;
        const xv = X[i][f];
        const xn = X[ord[k + 1]][f];
        if (xn === xv) continue;
        next = k + 1 + step;
        const gr = G - gl;
        const hr = Hs - hl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (G * G) / (Hs + lambda);
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, cut: (xv + xn) / 2, left: (-lr * gl) / (hl + lambda), right: (-lr * gr) / (hr + lambda) };
        }
      }
    }
    if (!best) break;
    stumps.push(best);
    for (let i = 0; i < n; i++) z[i] += X[i][best.feature] <= best.cut ? best.left : best.right;
  }
  return { base, a, stumps };
}
