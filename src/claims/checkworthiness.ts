import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { convScorer, type ConvMember } from "./checkworthiness-conv.js";
import { DEFAULT_FEATURE_OPTIONS, Featurizer, WordClasses, type FeatureOptions } from "./checkworthiness-features.js";

/** A loaded check-worthiness ranker. */
export interface CheckworthinessModel {
  /** Model version, from the model file. */
  version: string;
  /**
   * Score the sentences of one document, in document order (the previous and next sentence feed the
   * context features). Scores are calibrated probabilities in 0..1; higher = more check-worthy.
   */
  scoreDocument(sentences: readonly string[]): Float64Array;
  /** Score one sentence without context. */
  scoreOne(sentence: string): number;
  /** Sentences scoring at or above this go to the fact-check queue (chosen on the dev documents). */
  threshold: number;
}

/**
 * One linear member of a model: its own feature space and weights. A TF-IDF member also has `idf`:
 * each feature value is multiplied by its slot's idf and the row is L2-normalised before the dot
 * product. The member's raw score is standardised, `(raw − mean) / sd`, and weighted by `coef`.
 */
export interface CheckworthinessMemberFile {
  name: string;
  features: FeatureOptions;
  /** Little-endian Float32 weights, `2^features.bits` of them, base64. */
  weights: string;
  bias: number;
  /** Little-endian Float32 idf per slot, base64 (TF-IDF members only). */
  idf?: string;
  /** Word→class table (little-endian Int32 hash/class pairs, base64) when `features.classWeight` > 0. */
  classes?: string;
  mean: number;
  sd: number;
  coef: number;
}

/**
 * A convolutional member (`kind: "conv"`, see `checkworthiness-conv.ts`): little-endian Float32 arrays in
 * base64, standardised and weighted like a linear member.
 */
export interface ConvMemberFile {
  kind: "conv";
  name: string;
  /** The vocabulary in id order (ids 0–2 are unknown, `<s>`, `</s>`). */
  words: string[];
  dim: number;
  filters: number;
  widths: number[];
  maxLen: number;
  context: boolean;
  embeddings: string;
  conv: string[];
  convBias: string[];
  out: string;
  bias: number;
  mean: number;
  sd: number;
  coef: number;
}

/** The JSON layout of `data/model/checkworthiness.json`. */
export type CheckworthinessModelFile =
  | {
      format: "claimcast-checkworthiness/1";
      version: string;
      features: FeatureOptions;
      /** Little-endian Float32 weights, `2^features.bits` of them, base64. */
      weights: string;
      bias: number;
      /** Platt calibration: probability = sigmoid(a * raw + b). */
      calibration: { a: number; b: number };
      threshold: number;
      /** Free-form provenance: learner, data, split, dev figures. */
      meta?: Record<string, unknown>;
    }
  | {
      /** An ensemble: raw = Σ coef·(member raw − mean)/sd, then neighbour smoothing, then Platt. */
      format: "claimcast-checkworthiness/2";
      version: string;
      members: (CheckworthinessMemberFile | ConvMemberFile)[];
      /** Share of a stronger neighbour's raw score added to a sentence's raw score (0 = off). */
      neighbourScoreWeight?: number;
      calibration: { a: number; b: number };
      threshold: number;
      meta?: Record<string, unknown>;
    };

const DEFAULT_MODEL_URL = new URL("../../data/model/checkworthiness.json", import.meta.url);
let cachedDefault: CheckworthinessModel | undefined;

/** Encode Float32 weights as base64 (little-endian). */
export function encodeWeights(w: Float32Array): string {
  return Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString("base64");
}

/** Decode base64 Float32 weights (little-endian). */
export function decodeWeights(b64: string): Float32Array {
  const buf = Buffer.from(b64, "base64");
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** A member ready to score: raw linear scores of a document. */
export interface LinearMember {
  features: FeatureOptions;
  weights: Float32Array;
  bias: number;
  /** TF-IDF member: per-slot idf, rows L2-normalised after scaling. */
  idf?: Float32Array;
  /** Word→class table of the word-class n-gram features (`features.classWeight` > 0). */
  classes?: WordClasses;
}

/** Raw (unstandardised) scores of one member (linear or conv) on one document. */
export function memberScorer(m: LinearMember | ConvMember): (sentences: readonly string[]) => Float64Array {
  if ("kind" in m && m.kind === "conv") return convScorer(m);
  return linearScorer(m as LinearMember);
}

function linearScorer(m: LinearMember): (sentences: readonly string[]) => Float64Array {
  const { features, weights, bias, idf, classes } = m;
  if (weights.length !== 1 << features.bits) throw new Error(`weights: expected ${1 << features.bits} values, got ${weights.length}`);
  if (idf && idf.length !== weights.length) throw new Error(`idf: expected ${weights.length} values, got ${idf.length}`);
  const featurizer = new Featurizer(features, classes);
  // A plain linear member multiplies the features into the weights as they are hashed (no rows built).
  if (!idf) {
    return (sentences) => {
      const out = new Float64Array(sentences.length);
      featurizer.scoreDocument(sentences, weights, bias, out);
      return out;
    };
  }
  return (sentences) => {
    const rows = featurizer.featurizeDocument(sentences);
    const out = new Float64Array(sentences.length);
    const { rowPtr, idx, val } = rows;
    // TF-IDF member: values × idf, row L2-normalised.
    for (let r = 0; r < rows.rows; r++) {
      let z = 0;
      let n2 = 0;
      for (let p = rowPtr[r], e = rowPtr[r + 1]; p < e; p++) {
        const v = val[p] * idf[idx[p]];
        n2 += v * v;
        z += weights[idx[p]] * v;
      }
      out[r] = (n2 > 0 ? z / Math.sqrt(n2) : 0) + bias;
    }
    return out;
  };
}

/** Add `g` × (neighbour − own) for each neighbour scoring above the sentence (in place). */
export function smoothNeighbours(out: Float64Array, g: number): void {
  if (!(g > 0) || out.length < 2) return;
  const own = Float64Array.from(out);
  for (let r = 0; r < own.length; r++) {
    // Only a neighbour scoring above the sentence pulls it up; a weaker one doesn't drag it down.
    if (r > 0 && own[r - 1] > own[r]) out[r] += g * (own[r - 1] - own[r]);
    if (r + 1 < own.length && own[r + 1] > own[r]) out[r] += g * (own[r + 1] - own[r]);
  }
}

type ScoringModel = CheckworthinessModel & { raw(sentences: readonly string[]): Float64Array };

function calibrated(
  raw: (sentences: readonly string[]) => Float64Array,
  calibration: { a: number; b: number },
  threshold: number,
  version: string,
): ScoringModel {
  const { a, b } = calibration;
  const scoreDocument = (sentences: readonly string[]): Float64Array => {
    const out = raw(sentences);
    for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-(a * out[i] + b)));
    return out;
  };
  const scoreOne = (sentence: string): number => scoreDocument([sentence])[0];
  return { version, threshold, raw, scoreDocument, scoreOne };
}

/**
 * Build a scorer from raw weights (one linear member). Used by the loader and by the training
 * scripts, so that the evaluation scores exactly what the runtime scores.
 *
 * @example
 * const m = modelFromWeights(weights, 0, DEFAULT_FEATURE_OPTIONS);
 * m.scoreOne("Unemployment fell to 3.5 percent.");
 */
export function modelFromWeights(
  weights: Float32Array,
  bias: number,
  features: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  calibration: { a: number; b: number } = { a: 1, b: 0 },
  threshold = 0.5,
  version = "dev",
): ScoringModel {
  const score = memberScorer({ features, weights, bias });
  const g = features.neighbourScoreWeight ?? 0;
  const raw = (sentences: readonly string[]): Float64Array => {
    const out = score(sentences);
    smoothNeighbours(out, g);
    return out;
  };
  return calibrated(raw, calibration, threshold, version);
}

/** One member of an ensemble (linear or conv) with its standardisation and weight. */
export type EnsembleMember = (LinearMember | ConvMember) & {
  mean: number;
  sd: number;
  coef: number;
};

/** A member as the model file stores it. */
export function encodeMember(m: EnsembleMember, name: string): CheckworthinessMemberFile | ConvMemberFile {
  if (!("kind" in m)) {
    return {
      name,
      features: m.features,
      weights: encodeWeights(m.weights),
      bias: m.bias,
      ...(m.idf ? { idf: encodeWeights(m.idf) } : {}),
      ...(m.classes ? { classes: m.classes.encode() } : {}),
      mean: m.mean,
      sd: m.sd,
      coef: m.coef,
    };
  }
  return {
    kind: "conv",
    name,
    words: [...m.words],
    dim: m.dim,
    filters: m.filters,
    widths: [...m.widths],
    maxLen: m.maxLen,
    context: m.context,
    embeddings: encodeWeights(m.embeddings),
    conv: m.conv.map(encodeWeights),
    convBias: m.convBias.map(encodeWeights),
    out: encodeWeights(m.out),
    bias: m.bias,
    mean: m.mean,
    sd: m.sd,
    coef: m.coef,
  };
}

function decodeMember(m: CheckworthinessMemberFile | ConvMemberFile): EnsembleMember {
  if ("kind" in m) {
    if (m.kind !== "conv") throw new Error(`member ${m.name}: unknown kind ${String(m.kind)}`);
    return {
      kind: "conv",
      words: m.words,
      dim: m.dim,
      filters: m.filters,
      widths: m.widths,
      maxLen: m.maxLen,
      context: m.context,
      embeddings: decodeWeights(m.embeddings),
      conv: m.conv.map(decodeWeights),
      convBias: m.convBias.map(decodeWeights),
      out: decodeWeights(m.out),
      bias: m.bias,
      mean: m.mean,
      sd: m.sd,
      coef: m.coef,
    };
  }
  return {
    features: m.features,
    weights: decodeWeights(m.weights),
    bias: m.bias,
    idf: m.idf === undefined ? undefined : decodeWeights(m.idf),
    classes: m.classes === undefined ? undefined : WordClasses.decode(m.classes),
    mean: m.mean,
    sd: m.sd,
    coef: m.coef,
  };
}

/**
 * Build a scorer from several members (linear or conv): raw = Σ coef·(member raw − mean)/sd, then the
 * neighbour smoothing, then Platt calibration.
 */
export function modelFromMembers(
  members: readonly EnsembleMember[],
  neighbourScoreWeight = 0,
  calibration: { a: number; b: number } = { a: 1, b: 0 },
  threshold = 0.5,
  version = "dev",
): ScoringModel {
  if (members.length === 0) throw new Error("an ensemble needs at least one member");
  const scorers = members.map(memberScorer);
  const raw = (sentences: readonly string[]): Float64Array => {
    const out = new Float64Array(sentences.length);
    members.forEach((m, j) => {
      const s = scorers[j](sentences);
      const k = m.coef / m.sd;
      for (let i = 0; i < out.length; i++) out[i] += k * (s[i] - m.mean);
    });
    smoothNeighbours(out, neighbourScoreWeight);
    return out;
  };
  return calibrated(raw, calibration, threshold, version);
}

/** Build the scorer a model file describes (either format). */
export function modelFromFile(json: CheckworthinessModelFile, file = "model"): ScoringModel {
  if (json.format === "claimcast-checkworthiness/1") {
    return modelFromWeights(decodeWeights(json.weights), json.bias, json.features, json.calibration, json.threshold, json.version);
  }
  if (json.format === "claimcast-checkworthiness/2") {
    const members = json.members.map(decodeMember);
    return modelFromMembers(members, json.neighbourScoreWeight ?? 0, json.calibration, json.threshold, json.version);
  }
  throw new Error(`${file}: not a claimcast check-worthiness model`);
}

/**
 * Load a model file (default: the shipped `data/model/checkworthiness.json`, cached after the
 * first call).
 *
 * @example
 * const model = loadModel();
 * const scores = model.scoreDocument(["Thanks for having me.", "Taxes rose 12% in 2022."]);
 * scores[1] > scores[0]; // true
 */
export function loadModel(path?: string): CheckworthinessModel {
  if (path === undefined && cachedDefault) return cachedDefault;
  const file = path ?? fileURLToPath(DEFAULT_MODEL_URL);
  const json = JSON.parse(readFileSync(file, "utf8")) as CheckworthinessModelFile;
  const m = modelFromFile(json, file);
  const model: CheckworthinessModel = { version: m.version, threshold: m.threshold, scoreDocument: m.scoreDocument, scoreOne: m.scoreOne };
  if (path === undefined) cachedDefault = model;
  return model;
}
