/**
 * A small 1-D convolutional sentence encoder for the check-worthiness model: its training. Plain
 * TypeScript over Float32Arrays, deterministic (seeded init, seeded sampling). The runtime scores a
 * trained encoder from per-word tap tables (`src/claims/checkworthiness-conv.ts`, via `convMember`);
 * `convScoreDocument` here is the direct computation, the reference the runtime is tested against.
 *
 * Sentence → word ids (the fold's own most frequent training words; lower-cased, digits folded, as in
 * `checkworthiness-embed.ts`; unknown words share one id; `<s>` and `</s>` at the ends) → embeddings
 * (`dim`, initialised from the PPMI/SVD vectors of the same training text, or random) → one conv layer
 * (`filters` filters of each width in `widths`, ReLU) → max over time = the pooled vector p. The score
 * of sentence i of a document is u·p_i + u_prev·p_{i−1} + u_next·p_{i+1} + b (document context; the
 * neighbours' vectors carry no gradient into the encoder, they come from a cache refreshed whenever a
 * sentence is encoded, so within an epoch they can be a few steps stale).
 *
 * Trained with the data recipe and loss of the linear pairwise ranker (`trainPairwise`): for each positive
 * of a group, `negPerPos` sampled negatives of the same group and RankNet loss (one update per positive
 * with its negatives), then a pointwise logistic pass at weight `pointwise` in minibatches; Adagrad (sparse
 * on the embedding rows), parameters averaged over the second half of the epochs.
 */
import { CONV_RESERVED_IDS, type ConvMember } from "../../src/claims/checkworthiness-conv.js";
import { prng, type WeightedDoc } from "./checkworthiness-learn.js";
import { tokens, trainEmbeddings } from "./checkworthiness-embed.js";

export interface ConvOptions {
  /** Most frequent training words kept (count ≥ 2). */
  vocab: number;
  dim: number;
  /** Filters per width. */
  filters: number;
  widths: number[];
  /** Tokens kept per sentence (longer sentences are cut). */
  maxLen: number;
  epochs: number;
  /** Adagrad rate of the conv and output layers, and of the embeddings. */
  eta: number;
  etaEmb: number;
  l2: number;
  negPerPos: number;
  pointwise: number;
  /** Rows per pointwise minibatch. */
  batch: number;
  /** Keep this fraction of the negatives in each pointwise pass (weights divided by it); 1 = all. */
  pointwiseNegFraction: number;
  init: "ppmi" | "random";
  /** Neighbour (previous/next sentence) pooled vectors in the output layer. */
  context: boolean;
  seed: number;
}

const UNK = 0;
const BOS = 1;
const EOS = 2;

/** A trained encoder. */
export interface ConvModel {
  o: ConvOptions;
  vocab: Map<string, number>;
  /** Pooled size = filters × widths. */
  P: number;
  E: Float32Array;
  /** Per width: filters × width × dim, and filters biases. */
  W: Float32Array[];
  bW: Float32Array[];
  /** Output weights: [u, u_prev, u_next] (3P) and bias. */
  U: Float32Array;
  b: Float32Array;
}

/** Word ids of a sentence (with `<s>`/`</s>`, padded with `</s>` to the widest filter). */
function encodeIds(vocab: Map<string, number>, s: string, maxLen: number, minLen: number): Int32Array {
  const t = tokens(s);
  const n = Math.min(t.length, maxLen);
  const len = Math.max(n + 2, minLen);
  const ids = new Int32Array(len).fill(EOS);
  ids[0] = BOS;
  for (let i = 0; i < n; i++) ids[i + 1] = vocab.get(t[i]) ?? UNK;
  return ids;
}

/** Encode one sentence: pooled vector (ReLU, max over time) and the argmax position of each unit. */
function forward(m: ConvModel, ids: Int32Array, pooled: Float32Array, pOff: number, argmax: Int32Array | undefined, acc: Float64Array): void {
  const d = m.o.dim;
  const F = m.o.filters;
  const E = m.E;
  let j0 = 0;
  for (let wi = 0; wi < m.W.length; wi++) {
    const w = m.o.widths[wi];
    const W = m.W[wi];
    const bW = m.bW[wi];
    const T = ids.length - w + 1;
    for (let f = 0; f < F; f++) {
      pooled[pOff + j0 + f] = 0;
      if (argmax) argmax[j0 + f] = -1;
    }
    for (let t = 0; t < T; t++) {
      for (let f = 0; f < F; f++) acc[f] = bW[f];
      for (let k = 0; k < w; k++) {
        const eo = ids[t + k] * d;
        for (let f = 0; f < F; f++) {
          const wo = (f * w + k) * d;
          let z = 0;
          for (let c = 0; c < d; c++) z += W[wo + c] * E[eo + c];
          acc[f] += z;
        }
      }
      for (let f = 0; f < F; f++) {
        if (acc[f] > pooled[pOff + j0 + f]) {
          pooled[pOff + j0 + f] = acc[f];
          if (argmax) argmax[j0 + f] = t;
        }
      }
    }
    j0 += F;
  }
}

/** Adagrad accumulators and gradient buffers, one per parameter array. */
class Param {
  g: Float32Array;
  g2: Float32Array;
  constructor(public w: Float32Array) {
    this.g = new Float32Array(w.length);
    this.g2 = new Float32Array(w.length).fill(1e-8);
  }
  /** Dense update of the whole array, then clear the gradient. */
  step(eta: number, l2: number): void {
    const { w, g, g2 } = this;
    for (let i = 0; i < w.length; i++) {
      const gr = g[i] + l2 * w[i];
      if (gr === 0) continue;
      g2[i] += gr * gr;
      w[i] -= (eta * gr) / Math.sqrt(g2[i]);
      g[i] = 0;
    }
  }
}

/** Train the encoder on weighted documents (groups as in `buildDataset`: an `independent` document is one group without context). */
export function trainConv(docs: readonly WeightedDoc[], o: ConvOptions, onEpoch?: (epoch: number, current: ConvModel) => void): ConvModel {
  const rnd = prng(o.seed);
  const d = o.dim;
  const F = o.filters;
  const minLen = Math.max(...o.widths);
  // Vocabulary: the most frequent training words (count ≥ 2), ids from 3.
  const freq = new Map<string, number>();
  for (const doc of docs) for (const s of doc.sentences) for (const w of tokens(s)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const words = [...freq.entries()].filter((e) => e[1] >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, o.vocab).map((e) => e[0]);
  const vocab = new Map(words.map((w, i) => [w, i + 3]));
  const V = words.length + 3;
  const E = new Float32Array(V * d);
  for (let i = 0; i < E.length; i++) E[i] = (rnd() - 0.5) * 0.2;
  if (o.init === "ppmi") {
    const emb = trainEmbeddings(docs.flatMap((x) => x.sentences), { vocab: o.vocab, dim: d, window: 3, seed: o.seed });
    for (const [w, i] of emb.vocab) {
      const id = vocab.get(w);
      if (id === undefined) continue;
      for (let c = 0; c < d; c++) E[id * d + c] = emb.vecs[i * d + c];
    }
  }
  const W = o.widths.map((w) => {
    const a = new Float32Array(F * w * d);
    const r = Math.sqrt(6 / (w * d + F));
    for (let i = 0; i < a.length; i++) a[i] = (rnd() * 2 - 1) * r;
    return a;
  });
  const bW = o.widths.map(() => new Float32Array(F).fill(0.01));
  const P = F * o.widths.length;
  const U = new Float32Array(3 * P);
  for (let i = 0; i < P; i++) U[i] = (rnd() * 2 - 1) * Math.sqrt(6 / P) * 0.1;
  const m: ConvModel = { o, vocab, P, E, W, bW, U, b: new Float32Array(1) };

  // Rows: ids, label, weight, group, neighbours.
  const ids: Int32Array[] = [];
  const y: number[] = [];
  const wt: number[] = [];
  const group: number[] = [];
  const prev: number[] = [];
  const next: number[] = [];
  docs.forEach((doc, g) => {
    const r0 = ids.length;
    doc.sentences.forEach((s, i) => {
      ids.push(encodeIds(vocab, s, o.maxLen, minLen));
      const lab = doc.labels[i] === 1 ? 1 : 0;
      y.push(lab);
      wt.push(doc.rowWeights ? doc.rowWeights[i] : lab ? doc.posWeight : doc.negWeight);
      group.push(g);
      const ctx = o.context && !doc.independent;
      prev.push(ctx && i > 0 ? r0 + i - 1 : -1);
      next.push(ctx && i + 1 < doc.sentences.length ? r0 + i + 1 : -1);
    });
  });
  const rows = ids.length;
  const cache = new Float32Array(rows * P);
  const acc = new Float64Array(F);
  for (let r = 0; r < rows; r++) forward(m, ids[r], cache, r * P, undefined, acc);

  const pos: number[] = [];
  const negOf = new Map<number, number[]>();
  for (let r = 0; r < rows; r++) {
    if (y[r] === 1) continue;
    let a = negOf.get(group[r]);
    if (!a) negOf.set(group[r], (a = []));
    a.push(r);
  }
  for (let r = 0; r < rows; r++) if (y[r] === 1 && negOf.has(group[r])) pos.push(r);
  const order = Int32Array.from(pos);
  const all = Int32Array.from({ length: rows }, (_, i) => i);

  const pE = new Param(E);
  const pW = W.map((a) => new Param(a));
  const pB = bW.map((a) => new Param(a));
  const pU = new Param(U);
  const pb = new Param(m.b);
  const touched: number[] = [];
  const touchedMark = new Uint8Array(V);

  // Per-step buffers: the rows encoded in this step, their pooled vectors, argmax and score gradient.
  const maxStep = Math.max(o.negPerPos + 1, o.batch);
  const stepRows = new Int32Array(maxStep);
  const stepPooled = new Float32Array(maxStep * P);
  const stepArg = Array.from({ length: maxStep }, () => new Int32Array(P));
  const stepG = new Float64Array(maxStep);
  let nStep = 0;
  const zero = new Float32Array(P);
  const ctxVec = (r: number): Float32Array => (r < 0 ? zero : cache.subarray(r * P, (r + 1) * P));

  const encode = (r: number): number => {
    const k = nStep++;
    stepRows[k] = r;
    forward(m, ids[r], stepPooled, k * P, stepArg[k], acc);
    cache.set(stepPooled.subarray(k * P, (k + 1) * P), r * P);
    stepG[k] = 0;
    return k;
  };
  const score = (k: number): number => {
    const r = stepRows[k];
    let z = 0;
    const pv = ctxVec(prev[r]);
    const nv = ctxVec(next[r]);
    for (let j = 0; j < P; j++) z += U[j] * stepPooled[k * P + j] + U[P + j] * pv[j] + U[2 * P + j] * nv[j];
    return z;
  };
  const backward = (): void => {
    for (let k = 0; k < nStep; k++) {
      const g = stepG[k];
      if (g === 0) continue;
      const r = stepRows[k];
      const pv = ctxVec(prev[r]);
      const nv = ctxVec(next[r]);
      const s = ids[r];
      let j0 = 0;
      for (let wi = 0; wi < W.length; wi++) {
        const w = o.widths[wi];
        const Wa = W[wi];
        const gW = pW[wi].g;
        const gB = pB[wi].g;
        for (let f = 0; f < F; f++) {
          const j = j0 + f;
          pU.g[j] += g * stepPooled[k * P + j];
          pU.g[P + j] += g * pv[j];
          pU.g[2 * P + j] += g * nv[j];
          const t = stepArg[k][j];
          if (t < 0) continue;
          const gp = g * U[j];
          gB[f] += gp;
          for (let q = 0; q < w; q++) {
            const id = s[t + q];
            const eo = id * d;
            const wo = (f * w + q) * d;
            if (!touchedMark[id]) (touchedMark[id] = 1), touched.push(id);
            for (let c = 0; c < d; c++) {
              gW[wo + c] += gp * E[eo + c];
              pE.g[eo + c] += gp * Wa[wo + c];
            }
          }
        }
        j0 += F;
      }
    }
  };
  const update = (): void => {
    for (const p of pW) p.step(o.eta, o.l2);
    for (const p of pB) p.step(o.eta, 0);
    pU.step(o.eta, o.l2);
    pb.step(o.eta, 0);
    for (const id of touched) {
      touchedMark[id] = 0;
      for (let c = id * d, e = c + d; c < e; c++) {
        const gr = pE.g[c] + o.l2 * E[c];
        pE.g[c] = 0;
        if (gr === 0) continue;
        pE.g2[c] += gr * gr;
        E[c] -= (o.etaEmb * gr) / Math.sqrt(pE.g2[c]);
      }
    }
    touched.length = 0;
    nStep = 0;
  };

  const sums = [E, ...W, ...bW, U, m.b].map((a) => new Float64Array(a.length));
  let nAvg = 0;
  const shuffle = (arr: Int32Array): void => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
  };
  for (let ep = 0; ep < o.epochs; ep++) {
    shuffle(order);
    for (let q = 0; q < order.length; q++) {
      const p = order[q];
      const negs = negOf.get(group[p]) as number[];
      const kp = encode(p);
      const zp = score(kp);
      for (let s = 0; s < o.negPerPos; s++) {
        const n = negs[Math.floor(rnd() * negs.length)];
        const kn = encode(n);
        const z = zp - score(kn);
        const g = -(1 / (1 + Math.exp(z))) * Math.sqrt(wt[n] * wt[p]);
        stepG[kp] += g;
        stepG[kn] -= g;
      }
      backward();
      update();
    }
    if (o.pointwise > 0) {
      shuffle(all);
      const frac = o.pointwiseNegFraction;
      for (let q = 0; q < all.length; q++) {
        const r = all[q];
        if (y[r] === 0 && frac < 1 && rnd() >= frac) continue;
        const k = encode(r);
        const z = score(k) + m.b[0];
        const g = (1 / (1 + Math.exp(-z)) - y[r]) * wt[r] * o.pointwise * (y[r] === 0 ? 1 / frac : 1);
        stepG[k] = g;
        pb.g[0] += g;
        if (nStep === o.batch) (backward(), update());
      }
      if (nStep > 0) (backward(), update());
    }
    onEpoch?.(ep, m);
    if (ep >= Math.floor(o.epochs / 2)) {
      [E, ...W, ...bW, U, m.b].forEach((a, i) => {
        const s = sums[i];
        for (let j = 0; j < a.length; j++) s[j] += a[j];
      });
      nAvg++;
    }
  }
  [E, ...W, ...bW, U, m.b].forEach((a, i) => {
    const s = sums[i];
    for (let j = 0; j < a.length; j++) a[j] = s[j] / nAvg;
  });
  return m;
}

/** A trained encoder as a runtime member (`src/claims/checkworthiness-conv.ts`). */
export function convMember(m: ConvModel): ConvMember {
  const words: string[] = new Array<string>(m.vocab.size);
  for (const [w, id] of m.vocab) words[id - CONV_RESERVED_IDS] = w;
  return {
    kind: "conv",
    words,
    dim: m.o.dim,
    filters: m.o.filters,
    widths: [...m.o.widths],
    maxLen: m.o.maxLen,
    context: m.o.context,
    embeddings: m.E,
    conv: m.W,
    convBias: m.bW,
    out: m.U,
    bias: m.b[0],
  };
}

/** Each sentence's pooled vector (sentences × P, row-major; no context). */
export function convPooled(m: ConvModel, sentences: readonly string[]): Float32Array {
  const P = m.P;
  const pooled = new Float32Array(sentences.length * P);
  const acc = new Float64Array(m.o.filters);
  const minLen = Math.max(...m.o.widths);
  sentences.forEach((s, i) => forward(m, encodeIds(m.vocab, s, m.o.maxLen, minLen), pooled, i * P, undefined, acc));
  return pooled;
}

/** Raw scores of a document's sentences (in order; each sentence's neighbours are its context). */
export function convScoreDocument(m: ConvModel, sentences: readonly string[]): Float64Array {
  const P = m.P;
  const n = sentences.length;
  const pooled = convPooled(m, sentences);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = m.b[0];
    for (let j = 0; j < P; j++) {
      z += m.U[j] * pooled[i * P + j];
      if (m.o.context && i > 0) z += m.U[P + j] * pooled[(i - 1) * P + j];
      if (m.o.context && i + 1 < n) z += m.U[2 * P + j] * pooled[(i + 1) * P + j];
    }
    out[i] = z;
  }
  return out;
}
