/**
 * Linear learners over hashed sparse rows, in plain TypeScript: logistic regression and a linear SVM
 * (both Adagrad SGD with class weights and epoch averaging), a pairwise ranker (RankNet-style
 * logistic loss on positive/negative pairs of the same document), and NB-weighted logistic regression
 * (NBSVM-style log-count ratios). All deterministic: a seeded PRNG drives every shuffle and sample.
 */
import { Featurizer, type FeatureOptions, type WordClasses } from "../../src/claims/checkworthiness-features.js";

/** A training matrix in CSR layout with labels, example weights and a group (document) per row. */
export interface Dataset {
  dim: number;
  rows: number;
  rowPtr: Int32Array;
  idx: Int32Array;
  val: Float32Array;
  y: Uint8Array;
  weight: Float32Array;
  /** Document index of each row (rows of one group are ranked against each other). */
  group: Int32Array;
}

/** One document to featurise, with a weight for its positives and negatives. */
export interface WeightedDoc {
  sentences: readonly string[];
  labels: ArrayLike<number>;
  posWeight: number;
  negWeight: number;
  /** Per-row weight overriding posWeight/negWeight (e.g. weak positives). */
  rowWeights?: ArrayLike<number>;
  /** Featurise each sentence on its own (no neighbours), as for ClaimBuster. */
  independent?: boolean;
}

/** Featurise documents into one dataset. */
export function buildDataset(opts: FeatureOptions, docs: WeightedDoc[], classes?: WordClasses): Dataset {
  const f = new Featurizer(opts, classes);
  const rowPtrs: number[] = [0];
  let idx = new Int32Array(1 << 20);
  let val = new Float32Array(1 << 20);
  let nnz = 0;
  const y: number[] = [];
  const weight: number[] = [];
  const group: number[] = [];
  const add = (d: WeightedDoc, g: number, sentences: readonly string[], offset: number): void => {
    const r = f.featurizeDocument(sentences);
    if (nnz + r.nnz > idx.length) {
      const cap = Math.max(idx.length * 2, nnz + r.nnz);
      const ni = new Int32Array(cap);
      ni.set(idx.subarray(0, nnz));
      idx = ni;
      const nv = new Float32Array(cap);
      nv.set(val.subarray(0, nnz));
      val = nv;
    }
    idx.set(r.idx.subarray(0, r.nnz), nnz);
    val.set(r.val.subarray(0, r.nnz), nnz);
    for (let i = 0; i < r.rows; i++) {
      rowPtrs.push(nnz + r.rowPtr[i + 1]);
      const lab = d.labels[offset + i] === 1 ? 1 : 0;
      y.push(lab);
      weight.push(d.rowWeights ? d.rowWeights[offset + i] : lab ? d.posWeight : d.negWeight);
      group.push(g);
    }
    nnz += r.nnz;
  };
  docs.forEach((d, g) => {
    if (d.independent) d.sentences.forEach((s, i) => add(d, g, [s], i));
    else add(d, g, d.sentences, 0);
  });
  return {
    dim: 1 << opts.bits,
    rows: y.length,
    rowPtr: Int32Array.from(rowPtrs),
    idx: idx.slice(0, nnz),
    val: val.slice(0, nnz),
    y: Uint8Array.from(y),
    weight: Float32Array.from(weight),
    group: Int32Array.from(group),
  };
}

/** Mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rows grouped for pairwise training: the negatives of each group, the positives that have a
 * negative to pair with (group order, for a deterministic shuffle), and every row index.
 */
function pairGroups(ds: Dataset): { neg: Map<number, number[]>; order: Int32Array; all: Int32Array } {
  const pos = new Map<number, number[]>();
  const neg = new Map<number, number[]>();
  for (let r = 0; r < ds.rows; r++) {
    const m = ds.y[r] === 1 ? pos : neg;
    let a = m.get(ds.group[r]);
    if (!a) m.set(ds.group[r], (a = []));
    a.push(r);
  }
  const pairsPos: number[] = [];
  for (const [g, rows] of [...pos.entries()].sort((x, y) => x[0] - y[0])) if (neg.has(g)) pairsPos.push(...rows);
  return { neg, order: Int32Array.from(pairsPos), all: Int32Array.from({ length: ds.rows }, (_, i) => i) };
}

function shuffle(arr: Int32Array, rnd: () => number): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
}

/** A trained linear model. */
export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

/** Options for {@link trainPointwise}. */
export interface SgdOptions {
  loss: "log" | "hinge";
  epochs: number;
  eta: number;
  l2: number;
  seed: number;
}

/** Adagrad state for the weights. */
class Adagrad {
  w: Float64Array;
  g2: Float64Array;
  b = 0;
  gb = 1e-8;
  constructor(
    dim: number,
    private eta: number,
    private l2: number,
  ) {
    this.w = new Float64Array(dim);
    this.g2 = new Float64Array(dim).fill(1e-8);
  }
  dot(ds: Dataset, r: number): number {
    let z = 0;
    const { idx, val } = ds;
    for (let p = ds.rowPtr[r], e = ds.rowPtr[r + 1]; p < e; p++) z += this.w[idx[p]] * val[p];
    return z;
  }
  step(ds: Dataset, r: number, g: number): void {
    const { idx, val } = ds;
    for (let p = ds.rowPtr[r], e = ds.rowPtr[r + 1]; p < e; p++) {
      const j = idx[p];
      const grad = g * val[p] + this.l2 * this.w[j];
      this.g2[j] += grad * grad;
      this.w[j] -= (this.eta * grad) / Math.sqrt(this.g2[j]);
    }
  }
  stepBias(g: number): void {
    this.gb += g * g;
    this.b -= (this.eta * g) / Math.sqrt(this.gb);
  }
}

/** Average of the end-of-epoch weights over the second half of the epochs. */
class EpochAverage {
  sum: Float64Array;
  bias = 0;
  n = 0;
  constructor(dim: number) {
    this.sum = new Float64Array(dim);
  }
  add(w: Float64Array, b: number): void {
    for (let j = 0; j < w.length; j++) this.sum[j] += w[j];
    this.bias += b;
    this.n++;
  }
  result(): LinearModel {
    const out = new Float32Array(this.sum.length);
    for (let j = 0; j < out.length; j++) out[j] = this.sum[j] / this.n;
    return { weights: out, bias: this.bias / this.n };
  }
}

/** Pointwise logistic regression or linear SVM (hinge) with example weights. */
export function trainPointwise(ds: Dataset, o: SgdOptions): LinearModel {
  const rnd = prng(o.seed);
  const ada = new Adagrad(ds.dim, o.eta, o.l2);
  const avg = new EpochAverage(ds.dim);
  const order = Int32Array.from({ length: ds.rows }, (_, i) => i);
  for (let ep = 0; ep < o.epochs; ep++) {
    shuffle(order, rnd);
    for (let k = 0; k < order.length; k++) {
      const r = order[k];
      const z = ada.dot(ds, r) + ada.b;
      const yy = ds.y[r] === 1 ? 1 : -1;
      let g: number;
      if (o.loss === "log") g = (1 / (1 + Math.exp(-z)) - ds.y[r]) * ds.weight[r];
      else g = yy * z < 1 ? -yy * ds.weight[r] : 0;
      if (g === 0) continue;
      ada.step(ds, r, g);
      ada.stepBias(g);
    }
    if (ep >= Math.floor(o.epochs / 2)) avg.add(ada.w, ada.b);
  }
  return avg.result();
}

/** Options for {@link trainPairwise}. */
export interface PairwiseOptions {
  epochs: number;
  eta: number;
  l2: number;
  seed: number;
  /** Negatives sampled per positive and epoch. */
  negPerPos: number;
  /** Weight of a pointwise logistic step per row, mixed in to keep the scores anchored (0 = none). */
  pointwise: number;
  /**
   * Hard negatives: each sampled negative is the highest-scoring of this many uniform draws from the
   * positive's document (1 or absent = uniform sampling), so the updates go where the ranking is wrong
   * near the top, which is what average precision rewards.
   */
  hardPool?: number;
  /**
   * Distillation: a teacher's score per row (z-scored). Each epoch every row is paired with
   * `partners` random rows of its own group, whatever their labels, and the student's pair logit is
   * pulled towards the teacher's pair preference `sigmoid(temperature · (t_i − t_j))` at `weight`.
   */
  teacher?: { scores: Float32Array; weight: number; temperature: number; partners: number };
}

/**
 * Pairwise ranker: logistic loss on `w·(x_pos − x_neg)` for positive/negative pairs of the same
 * group, optionally mixed with a pointwise logistic loss.
 */
export function trainPairwise(ds: Dataset, o: PairwiseOptions): LinearModel {
  const rnd = prng(o.seed);
  const ada = new Adagrad(ds.dim, o.eta, o.l2);
  const avg = new EpochAverage(ds.dim);
  const { neg, order, all } = pairGroups(ds);
  const pool = Math.max(1, o.hardPool ?? 1);
  const byGroup = new Map<number, number[]>();
  if (o.teacher) for (let r = 0; r < ds.rows; r++) {
    let a = byGroup.get(ds.group[r]);
    if (!a) byGroup.set(ds.group[r], (a = []));
    a.push(r);
  }
  for (let ep = 0; ep < o.epochs; ep++) {
    shuffle(order, rnd);
    for (let k = 0; k < order.length; k++) {
      const p = order[k];
      const negs = neg.get(ds.group[p]) as number[];
      for (let s = 0; s < o.negPerPos; s++) {
        let n = negs[Math.floor(rnd() * negs.length)];
        let zn = ada.dot(ds, n);
        for (let h = 1; h < pool; h++) {
          const c = negs[Math.floor(rnd() * negs.length)];
          const zc = ada.dot(ds, c);
          if (zc > zn) {
            n = c;
            zn = zc;
          }
        }
        const z = ada.dot(ds, p) - zn;
        const g = -(1 / (1 + Math.exp(z))) * Math.sqrt(ds.weight[n] * ds.weight[p]);
        ada.step(ds, p, g);
        ada.step(ds, n, -g);
      }
    }
    if (o.teacher) {
      const t = o.teacher;
      shuffle(all, rnd);
      for (let k = 0; k < all.length; k++) {
        const r = all[k];
        const mates = byGroup.get(ds.group[r]) as number[];
        if (mates.length < 2) continue;
        for (let s = 0; s < t.partners; s++) {
          const j = mates[Math.floor(rnd() * mates.length)];
          if (j === r) continue;
          const target = 1 / (1 + Math.exp(-t.temperature * (t.scores[r] - t.scores[j])));
          const z = ada.dot(ds, r) - ada.dot(ds, j);
          const g = (1 / (1 + Math.exp(-z)) - target) * t.weight * Math.sqrt(ds.weight[r] * ds.weight[j]);
          ada.step(ds, r, g);
          ada.step(ds, j, -g);
        }
      }
    }
    if (o.pointwise > 0) {
      shuffle(all, rnd);
      for (let k = 0; k < all.length; k++) {
        const r = all[k];
        const z = ada.dot(ds, r) + ada.b;
        const g = (1 / (1 + Math.exp(-z)) - ds.y[r]) * ds.weight[r] * o.pointwise;
        ada.step(ds, r, g);
        ada.stepBias(g);
      }
    }
    if (ep >= Math.floor(o.epochs / 2)) avg.add(ada.w, ada.b);
  }
  return avg.result();
}

/**
 * NB log-count ratios per slot (weighted by example weight, on absolute values), as in NBSVM:
 * `r_j = log((p_j + α)/|p|₁) − log((q_j + α)/|q|₁)`, clipped to ±`clip`.
 */
export function nbRatios(ds: Dataset, alpha = 1, clip = 3): Float32Array {
  const p = new Float64Array(ds.dim);
  const q = new Float64Array(ds.dim);
  for (let r = 0; r < ds.rows; r++) {
    const tgt = ds.y[r] === 1 ? p : q;
    const w = ds.weight[r];
    for (let k = ds.rowPtr[r]; k < ds.rowPtr[r + 1]; k++) tgt[ds.idx[k]] += Math.abs(ds.val[k]) * w;
  }
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < ds.dim; j++) {
    sp += p[j] + alpha;
    sq += q[j] + alpha;
  }
  const out = new Float32Array(ds.dim);
  for (let j = 0; j < ds.dim; j++) {
    const v = Math.log((p[j] + alpha) / sp) - Math.log((q[j] + alpha) / sq);
    out[j] = 1 + Math.max(-clip, Math.min(clip, v));
  }
  return out;
}

/** Scale the values of a dataset by a per-slot factor (a copy). */
export function scaleDataset(ds: Dataset, factor: Float32Array): Dataset {
  const val = new Float32Array(ds.val.length);
  for (let k = 0; k < val.length; k++) val[k] = ds.val[k] * factor[ds.idx[k]];
  return { ...ds, val };
}

/**
 * Fit Platt scaling `p = sigmoid(a·s + b)` by Newton's method on (score, label) pairs.
 *
 * @example
 * fitPlatt([-2, 0, 2], [0, 0, 1]);
 */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): { a: number; b: number } {
  let a = 1;
  let b = 0;
  const n = scores.length;
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * scores[i] + b)));
      const d = p - labels[i];
      const w = p * (1 - p);
      ga += d * scores[i];
      gb += d;
      haa += w * scores[i] * scores[i];
      hab += w * scores[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Options for {@link trainMlp}. */
export interface MlpOptions {
  epochs: number;
  eta: number;
  l2: number;
  seed: number;
  /** Hidden units (ReLU). */
  hidden: number;
  /** The hidden layer reads the hashed slots folded into 2^hiddenBits rows (slot & mask). */
  hiddenBits: number;
  /** Keep the linear (wide) part next to the hidden layer. */
  wide: boolean;
  /** Adagrad rate of the hidden layer and output weights (default: eta). */
  etaDeep?: number;
  /** Pairwise negatives per positive and epoch (0 = pointwise only). */
  negPerPos: number;
  /** Weight of the pointwise logistic step per row. */
  pointwise: number;
}

/** A wide-and-deep scorer: `w·x + b + v·relu(U·fold(x) + c)`. */
export interface MlpModel {
  weights: Float32Array;
  bias: number;
  hidden: number;
  hiddenBits: number;
  /** Row-major 2^hiddenBits × hidden. */
  u: Float32Array;
  c: Float32Array;
  v: Float32Array;
}

/**
 * One-hidden-layer MLP over the sparse hashed rows (embedding-bag first layer: the hidden
 * pre-activation is the value-weighted sum of the active slots' rows), plus an optional linear part.
 * Pairwise (RankNet) steps on same-group pairs mixed with pointwise logistic steps, Adagrad.
 */
export function trainMlp(ds: Dataset, o: MlpOptions): MlpModel {
  const rnd = prng(o.seed);
  const H = o.hidden;
  const hmask = (1 << o.hiddenBits) - 1;
  const nU = (1 << o.hiddenBits) * H;
  const u = new Float32Array(nU);
  const gu = new Float32Array(nU).fill(1e-8);
  // Small symmetric init; the first layer's scale suits ~a few hundred active slots per row.
  for (let i = 0; i < nU; i++) u[i] = (rnd() - 0.5) * 0.02;
  const c = new Float64Array(H).fill(0.01);
  const gc = new Float64Array(H).fill(1e-8);
  const v = new Float64Array(H);
  for (let k = 0; k < H; k++) v[k] = (rnd() - 0.5) * 0.2;
  const gv = new Float64Array(H).fill(1e-8);
  const w = new Float64Array(o.wide ? ds.dim : 0);
  const gw = new Float64Array(o.wide ? ds.dim : 0).fill(1e-8);
  let b = 0;
  let gb = 1e-8;
  const eta = o.eta;
  const etaD = o.etaDeep ?? o.eta;
  if (!(etaD > 0)) v.fill(0);
  const hA = new Float64Array(H);
  const hB = new Float64Array(H);
  const forward = (r: number, h: Float64Array): number => {
    for (let k = 0; k < H; k++) h[k] = c[k];
    let z = 0;
    for (let p = ds.rowPtr[r], e = ds.rowPtr[r + 1]; p < e; p++) {
      const x = ds.val[p];
      if (o.wide) z += w[ds.idx[p]] * x;
      const base = (ds.idx[p] & hmask) * H;
      for (let k = 0; k < H; k++) h[k] += u[base + k] * x;
    }
    for (let k = 0; k < H; k++) if (h[k] > 0) z += v[k] * h[k];
    return z;
  };
  const dh = new Float64Array(H);
  const backward = (r: number, h: Float64Array, g: number): void => {
    for (let k = 0; k < H; k++) {
      dh[k] = h[k] > 0 ? g * v[k] : 0;
      if (h[k] > 0) {
        const gr = g * h[k] + o.l2 * v[k];
        gv[k] += gr * gr;
        v[k] -= (etaD * gr) / Math.sqrt(gv[k]);
      }
      if (dh[k] !== 0) {
        gc[k] += dh[k] * dh[k];
        c[k] -= (etaD * dh[k]) / Math.sqrt(gc[k]);
      }
    }
    for (let p = ds.rowPtr[r], e = ds.rowPtr[r + 1]; p < e; p++) {
      const x = ds.val[p];
      if (o.wide) {
        const j = ds.idx[p];
        const gr = g * x + o.l2 * w[j];
        gw[j] += gr * gr;
        w[j] -= (eta * gr) / Math.sqrt(gw[j]);
      }
      const base = (ds.idx[p] & hmask) * H;
      for (let k = 0; k < H; k++) {
        if (dh[k] === 0) continue;
        const gr = dh[k] * x + o.l2 * u[base + k];
        gu[base + k] += gr * gr;
        u[base + k] -= (etaD * gr) / Math.sqrt(gu[base + k]);
      }
    }
  };
  const { neg, order, all } = pairGroups(ds);
  for (let ep = 0; ep < o.epochs; ep++) {
    if (o.negPerPos > 0) {
      shuffle(order, rnd);
      for (let k = 0; k < order.length; k++) {
        const p = order[k];
        const negs = neg.get(ds.group[p]) as number[];
        for (let s = 0; s < o.negPerPos; s++) {
          const n = negs[Math.floor(rnd() * negs.length)];
          const z = forward(p, hA) - forward(n, hB);
          const g = -(1 / (1 + Math.exp(z))) * Math.sqrt(ds.weight[n] * ds.weight[p]);
          backward(p, hA, g);
          backward(n, hB, -g);
        }
      }
    }
    if (o.pointwise > 0) {
      shuffle(all, rnd);
      for (let k = 0; k < all.length; k++) {
        const r = all[k];
        const z = forward(r, hA) + b;
        const g = (1 / (1 + Math.exp(-z)) - ds.y[r]) * ds.weight[r] * o.pointwise;
        backward(r, hA, g);
        gb += g * g;
        b -= (eta * g) / Math.sqrt(gb);
      }
    }
  }
  return { weights: Float32Array.from(w), bias: b, hidden: H, hiddenBits: o.hiddenBits, u, c: Float32Array.from(c), v: Float32Array.from(v) };
}

/** Raw scores of an {@link MlpModel} on featurised rows (CSR). */
export function mlpScoreRows(m: MlpModel, rowPtr: Int32Array, idx: Int32Array, val: Float32Array, rows: number): Float64Array {
  const H = m.hidden;
  const hmask = (1 << m.hiddenBits) - 1;
  const wide = m.weights.length > 0;
  const h = new Float64Array(H);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < H; k++) h[k] = m.c[k];
    let z = m.bias;
    for (let p = rowPtr[r], e = rowPtr[r + 1]; p < e; p++) {
      const x = val[p];
      if (wide) z += m.weights[idx[p]] * x;
      const base = (idx[p] & hmask) * H;
      for (let k = 0; k < H; k++) h[k] += m.u[base + k] * x;
    }
    for (let k = 0; k < H; k++) if (h[k] > 0) z += m.v[k] * h[k];
    out[r] = z;
  }
  return out;
}
