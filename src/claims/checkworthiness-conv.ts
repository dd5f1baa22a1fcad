/**
 * The runtime side of the convolutional check-worthiness member (trained by
 * `scripts/lib/checkworthiness-conv.ts`): word ids → embeddings → one conv layer (`filters` filters of
 * each width, ReLU) → max over time = the pooled vector p; the raw score of sentence i of a document is
 * u·p_i + u_prev·p_{i−1} + u_next·p_{i+1} + b.
 *
 * Scoring does not multiply embeddings by filters: a filter tap's response to a word does not depend on
 * the sentence, so each word's response to every tap is computed once (on the first document:
 * vocabulary × Σ widths × filters Float32, ~5 MB for `ens-convr+pw`'s member) and a window's activation
 * is the sum of `width` table rows. The max over windows runs in a WebAssembly SIMD kernel
 * (`conv-simd.ts`), or in a plain JS loop where that cannot run. Both agree with the direct product
 * (`convScoreDocument` in the training script, the tests' reference) to Float32 rounding.
 */

import { compilePoolKernel, type PoolKernel } from "./conv-simd.js";

/** Ids 0–2 are reserved; the vocabulary's words start at 3. */
const UNK = 0;
const BOS = 1;
const EOS = 2;
export const CONV_RESERVED_IDS = 3;

/**
 * Lower-cased word tokens, digits folded to `0`: the conv member's tokenizer (the training script's word
 * vectors use the same one).
 *
 * @example
 * convTokens("Mississippi got $2.53 in 2022."); // ["mississippi", "got", "0", "00", "in", "0000"]
 */
export function convTokens(s: string): string[] {
  return s.toLowerCase().replace(/[0-9]/g, "0").match(/[a-z0]+(?:'[a-z]+)?/g) ?? [];
}

/** The code unit a token character folds to (A–Z lower-cased, digits to `0`), or -1 for a separator. ASCII only. */
function fold(c: number): number {
  if (c >= 97 && c <= 122) return c;
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  return -1;
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Word ids of a sentence, as `convTokens` + a vocabulary lookup would give them, without building the
 * token strings: one scan over the code units hashes each folded token (FNV-1a) and finds it in an
 * open-addressing table, checking the word's characters. A sentence with any non-ASCII character takes
 * `convTokens` (lower-casing outside ASCII can change lengths or make ASCII letters, e.g. K → k).
 */
export class ConvVocabulary {
  private readonly words: readonly string[];
  private readonly map: Map<string, number>;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(words: readonly string[]) {
    this.words = words;
    this.map = new Map(words.map((w, i) => [w, i + CONV_RESERVED_IDS]));
    let size = 16;
    while (size < words.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    words.forEach((w, i) => {
      let h = 0x811c9dc5;
      for (let j = 0; j < w.length; j++) h = Math.imul(h ^ w.charCodeAt(j), 0x01000193);
      let slot = h & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i;
    });
  }

  /** Write the ids of the first `max` tokens of `s` into `ids` from index `at`; returns how many. */
  read(s: string, ids: Int32Array, at: number, max: number): number {
    if (NON_ASCII.test(s)) {
      const toks = convTokens(s);
      const n = Math.min(toks.length, max);
      for (let i = 0; i < n; i++) ids[at + i] = this.map.get(toks[i]) ?? UNK;
      return n;
    }
    const len = s.length;
    let n = 0;
    let i = 0;
    while (i < len && n < max) {
      let c = fold(s.charCodeAt(i));
      if (c < 0) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      do {
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      } while (i < len && (c = fold(s.charCodeAt(i))) >= 0);
      // An apostrophe and letters (not digits) end the token: "didn't", "rock'n".
      if (i + 1 < len && s.charCodeAt(i) === 39 && (c = fold(s.charCodeAt(i + 1))) >= 97) {
        h = Math.imul(h ^ 39, 0x01000193);
        i++;
        do {
          h = Math.imul(h ^ c, 0x01000193);
          i++;
        } while (i < len && (c = fold(s.charCodeAt(i))) >= 97);
      }
      ids[at + n++] = this.find(h, s, start, i);
    }
    return n;
  }

  private find(h: number, s: string, start: number, end: number): number {
    const { slots, mask, words } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const w = slots[slot];
      if (w < 0) return UNK;
      const word = words[w];
      if (word.length !== end - start) continue;
      let j = 0;
      while (j < word.length) {
        const c = s.charCodeAt(start + j);
        // The folded character: an apostrophe is itself.
        if ((c === 39 ? 39 : fold(c)) !== word.charCodeAt(j)) break;
        j++;
      }
      if (j === word.length) return w + CONV_RESERVED_IDS;
    }
  }
}

/** A conv member's parameters (what the model file carries). */
export interface ConvMember {
  kind: "conv";
  /** The vocabulary in id order (word k has id k + 3). */
  words: readonly string[];
  dim: number;
  /** Filters per width. */
  filters: number;
  widths: readonly number[];
  /** Tokens kept per sentence (longer sentences are cut). */
  maxLen: number;
  /** The neighbours' pooled vectors feed the score. */
  context: boolean;
  /** (words.length + 3) × dim. */
  embeddings: Float32Array;
  /** Per width: filters × width × dim. */
  conv: readonly Float32Array[];
  /** Per width: filters. */
  convBias: readonly Float32Array[];
  /** [u, u_prev, u_next], 3 × filters × widths. */
  out: Float32Array;
  bias: number;
}

/** Check a member's array sizes against its shape; throws one line naming the part that is wrong. */
export function checkConvMember(m: ConvMember): void {
  const V = m.words.length + CONV_RESERVED_IDS;
  const P = m.filters * m.widths.length;
  const want = (what: string, got: number, n: number): void => {
    if (got !== n) throw new Error(`conv member: ${what} has ${got} values, expected ${n}`);
  };
  want("embeddings", m.embeddings.length, V * m.dim);
  if (m.conv.length !== m.widths.length || m.convBias.length !== m.widths.length) throw new Error(`conv member: ${m.widths.length} widths but ${m.conv.length} filter banks`);
  m.widths.forEach((w, i) => {
    if (!(Number.isInteger(w) && w >= 1)) throw new Error(`conv member: width ${w} is not a positive integer`);
    want(`filters of width ${w}`, m.conv[i].length, m.filters * w * m.dim);
    want(`biases of width ${w}`, m.convBias[i].length, m.filters);
  });
  want("output weights", m.out.length, 3 * P);
}

/** The length of each width's tap table (V × width × filters floats). */
function tapTableLengths(m: ConvMember): number[] {
  return m.widths.map((w) => (m.words.length + CONV_RESERVED_IDS) * w * m.filters);
}

/**
 * Each word's response to each filter tap, per width: (V × width × filters), index
 * (id·width + k)·filters + f, written into `into` (the kernel's memory) or new arrays.
 */
function tapTables(m: ConvMember, into?: Float32Array[]): Float32Array[] {
  const V = m.words.length + CONV_RESERVED_IDS;
  const { dim: d, filters: F, embeddings: E } = m;
  const lengths = tapTableLengths(m);
  return m.widths.map((w, wi) => {
    const W = m.conv[wi];
    const t = into ? into[wi] : new Float32Array(lengths[wi]);
    for (let id = 0; id < V; id++) {
      const eo = id * d;
      for (let k = 0; k < w; k++) {
        const to = (id * w + k) * F;
        for (let f = 0; f < F; f++) {
          const wo = (f * w + k) * d;
          let z = 0;
          for (let c = 0; c < d; c++) z += W[wo + c] * E[eo + c];
          t[to + f] = z;
        }
      }
    }
    return t;
  });
}

/**
 * Raw scores of a conv member, document by document (in order; each sentence's neighbours are its
 * context when `context` is set). The windows' max-pooling runs in a WebAssembly SIMD kernel
 * (`conv-simd.ts`) where it can, else in the JS loop below (`simd: false` forces that; both agree to
 * Float32 rounding).
 */
export function convScorer(m: ConvMember, opts: { simd?: boolean } = {}): (sentences: readonly string[]) => Float64Array {
  checkConvMember(m);
  const vocab = new ConvVocabulary(m.words);
  const F = m.filters;
  const widths = m.widths;
  const P = F * widths.length;
  const minLen = Math.max(...widths);
  const U = m.out;
  let tables: Float32Array[] | undefined;
  let kernel: PoolKernel | undefined;
  let kernelRows: Int32Array | undefined;
  let kernelMaxima: Float32Array | undefined;
  let pooledBuf = new Float32Array(0);
  let ready = false;
  const maxPositions = Math.max(m.maxLen + 2, minLen);
  const ids = new Int32Array(maxPositions);

  /** The sentence's word ids into `ids`: `<s>`, the words, `</s>` padding up to the widest filter; returns the length. */
  const wordIds = (s: string): number => {
    const n = vocab.read(s, ids, 1, m.maxLen);
    const len = Math.max(n + 2, minLen);
    ids[0] = BOS;
    for (let i = n + 1; i < len; i++) ids[i] = EOS;
    return len;
  };

  /** The pooled vector of one sentence into `pooled` at `off` (the JS loop). */
  const encode = (s: string, pooled: Float32Array, off: number, T: Float32Array[]): void => {
    const len = wordIds(s);
    let j0 = off;
    for (let wi = 0; wi < widths.length; wi++) {
      const w = widths[wi];
      const tab = T[wi];
      const bW = m.convBias[wi];
      const positions = len - w + 1;
      for (let f = 0; f < F; f++) {
        const b = bW[f];
        let best = 0;
        for (let t = 0; t < positions; t++) {
          let a = b;
          for (let k = 0; k < w; k++) a += tab[(ids[t + k] * w + k) * F + f];
          if (a > best) best = a;
        }
        pooled[j0 + f] = best;
      }
      j0 += F;
    }
  };

  /** The same as `encode`, the pooling in the kernel (which leaves bias and ReLU to this side). */
  const encodeSimd = (s: string, pooled: Float32Array, off: number, K: PoolKernel, rows: Int32Array, maxima: Float32Array): void => {
    const len = wordIds(s);
    let j0 = off;
    for (let wi = 0; wi < widths.length; wi++) {
      const w = widths[wi];
      const base = K.tableBase[wi];
      const positions = len - w + 1;
      let q = 0;
      for (let t = 0; t < positions; t++) for (let k = 0; k < w; k++) rows[q++] = base + (ids[t + k] * w + k) * F * 4;
      K.pool[wi](K.rows, positions, K.out);
      const bW = m.convBias[wi];
      for (let f = 0; f < F; f++) pooled[j0 + f] = Math.max(0, bW[f] + maxima[f]);
      j0 += F;
    }
  };

  return (sentences) => {
    if (!ready) {
      kernel = opts.simd === false ? undefined : compilePoolKernel(widths, F, tapTableLengths(m), maxPositions);
      // With the kernel, the tables are built in its memory and live there only.
      if (kernel) {
        tapTables(m, kernel.tables);
        // The module's memory never grows, so views made once stay valid.
        kernelRows = new Int32Array(kernel.memory.buffer, kernel.rows, maxPositions * Math.max(...widths));
        kernelMaxima = new Float32Array(kernel.memory.buffer, kernel.out, F);
      } else tables = tapTables(m);
      ready = true;
    }
    const n = sentences.length;
    // One pooled buffer, grown as needed: a fresh 150 kB array per document is off-heap memory the GC
    // frees late, and it raised a worker's RSS by ~30 MB over a batch.
    if (pooledBuf.length < n * P) pooledBuf = new Float32Array(Math.max(n * P, 2 * pooledBuf.length));
    const pooled = pooledBuf;
    if (kernel) {
      for (let i = 0; i < n; i++) encodeSimd(sentences[i], pooled, i * P, kernel, kernelRows as Int32Array, kernelMaxima as Float32Array);
    } else {
      for (let i = 0; i < n; i++) encode(sentences[i], pooled, i * P, tables as Float32Array[]);
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let z = m.bias;
      const o = i * P;
      const prev = m.context && i > 0;
      const next = m.context && i + 1 < n;
      for (let j = 0; j < P; j++) {
        z += U[j] * pooled[o + j];
        if (prev) z += U[P + j] * pooled[o - P + j];
        if (next) z += U[2 * P + j] * pooled[o + P + j];
      }
      out[i] = z;
    }
    return out;
  };
}
