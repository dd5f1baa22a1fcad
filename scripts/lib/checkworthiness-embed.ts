/**
 * Word vectors trained on the training text only (eval experiments): PPMI over a ±window
 * co-occurrence count of the most frequent words, reduced by randomized subspace iteration (the
 * PPMI rows projected on the top-`dim` eigen-subspace). A sentence vector is the mean of its words'
 * unit vectors. Deterministic (seeded).
 */
import { convTokens } from "../../src/claims/checkworthiness-conv.js";
import { prng, type Dataset } from "./checkworthiness-learn.js";

/** Lower-cased word tokens, digits folded to `0` (the runtime conv member's tokenizer). */
export const tokens = convTokens;

/** Trained word vectors. */
export interface Embeddings {
  vocab: Map<string, number>;
  dim: number;
  /** vocab.size × dim, each row unit length. */
  vecs: Float32Array;
}

export interface EmbedOptions {
  vocab: number;
  dim: number;
  window: number;
  seed: number;
}

/** Train PPMI+SVD-style vectors on tokenised sentences (each sentence one context unit). */
export function trainEmbeddings(sentences: readonly string[], o: EmbedOptions): Embeddings {
  const toks = sentences.map(tokens);
  const freq = new Map<string, number>();
  for (const t of toks) for (const w of t) freq.set(w, (freq.get(w) ?? 0) + 1);
  const words = [...freq.entries()].filter((e) => e[1] >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, o.vocab).map((e) => e[0]);
  const vocab = new Map(words.map((w, i) => [w, i]));
  const V = words.length;
  const co = new Map<number, number>();
  const rowSum = new Float64Array(V);
  let total = 0;
  for (const t of toks) {
    const ids = t.map((w) => vocab.get(w) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] < 0) continue;
      for (let j = Math.max(0, i - o.window); j <= Math.min(ids.length - 1, i + o.window); j++) {
        if (j === i || ids[j] < 0) continue;
        const key = ids[i] * V + ids[j];
        const inc = 1 / Math.abs(i - j);
        co.set(key, (co.get(key) ?? 0) + inc);
        rowSum[ids[i]] += inc;
        total += inc;
      }
    }
  }
  // Context distribution smoothed (^0.75), PPMI, CSR by row.
  const ctx = new Float64Array(V);
  let ctxTot = 0;
  for (let j = 0; j < V; j++) ctxTot += (ctx[j] = Math.pow(rowSum[j], 0.75));
  const entries = [...co.entries()].sort((a, b) => a[0] - b[0]);
  const rp = new Int32Array(V + 1);
  const ci: number[] = [];
  const cv: number[] = [];
  for (const [key, n] of entries) {
    const i = Math.floor(key / V);
    const j = key % V;
    const pmi = Math.log((n * ctxTot) / (rowSum[i] * ctx[j])) ;
    if (pmi <= 0) continue;
    ci.push(j);
    cv.push(pmi);
    rp[i + 1]++;
  }
  for (let i = 0; i < V; i++) rp[i + 1] += rp[i];
  const k = o.dim;
  const mult = (X: Float64Array): Float64Array => {
    // Y = M·X (M is V×V, X is V×k row-major).
    const Y = new Float64Array(V * k);
    for (let i = 0; i < V; i++)
      for (let p = rp[i]; p < rp[i + 1]; p++) {
        const j = ci[p];
        const m = cv[p];
        for (let c = 0; c < k; c++) Y[i * k + c] += m * X[j * k + c];
      }
    return Y;
  };
  const orth = (Y: Float64Array): void => {
    for (let c = 0; c < k; c++) {
      for (let d = 0; d < c; d++) {
        let dot = 0;
        for (let i = 0; i < V; i++) dot += Y[i * k + c] * Y[i * k + d];
        for (let i = 0; i < V; i++) Y[i * k + c] -= dot * Y[i * k + d];
      }
      let n = 0;
      for (let i = 0; i < V; i++) n += Y[i * k + c] ** 2;
      n = Math.sqrt(n) || 1;
      for (let i = 0; i < V; i++) Y[i * k + c] /= n;
    }
  };
  const rnd = prng(o.seed);
  let Q: Float64Array = new Float64Array(V * k);
  for (let i = 0; i < Q.length; i++) Q[i] = rnd() - 0.5;
  for (let it = 0; it < 4; it++) {
    // M is not symmetric (sum of both directions is), so iterate on M·Mᵀ ≈ use M twice.
    Q = mult(Q);
    orth(Q);
  }
  const E = mult(Q);
  const vecs = new Float32Array(V * k);
  for (let i = 0; i < V; i++) {
    let n = 0;
    for (let c = 0; c < k; c++) n += E[i * k + c] ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < k; c++) vecs[i * k + c] = E[i * k + c] / n;
  }
  return { vocab, dim: k, vecs };
}

/** Mean of the sentence's known words' unit vectors (zeros if none). */
export function sentenceVector(e: Embeddings, s: string, out: Float32Array = new Float32Array(e.dim)): Float32Array {
  out.fill(0);
  let n = 0;
  for (const w of tokens(s)) {
    const i = e.vocab.get(w);
    if (i === undefined) continue;
    for (let c = 0; c < e.dim; c++) out[c] += e.vecs[i * e.dim + c];
    n++;
  }
  if (n) for (let c = 0; c < e.dim; c++) out[c] /= n;
  return out;
}

/** A copy of `ds` with `dense` (rows × d) appended to each row at slots dim..dim+d−1, times `alpha`. */
export function appendDense(ds: Dataset, dense: Float32Array, d: number, alpha: number): Dataset {
  const nnz = ds.idx.length + ds.rows * d;
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  const rowPtr = new Int32Array(ds.rows + 1);
  let q = 0;
  for (let r = 0; r < ds.rows; r++) {
    for (let p = ds.rowPtr[r]; p < ds.rowPtr[r + 1]; p++, q++) {
      idx[q] = ds.idx[p];
      val[q] = ds.val[p];
    }
    for (let c = 0; c < d; c++, q++) {
      idx[q] = ds.dim + c;
      val[q] = alpha * dense[r * d + c];
    }
    rowPtr[r + 1] = q;
  }
  return { ...ds, dim: ds.dim + d, rowPtr, idx, val };
}
