import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_FEATURE_OPTIONS, Featurizer, type FeatureOptions } from "./checkworthiness-features.js";

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

/** The JSON layout of `data/model/checkworthiness.json`. */
export interface CheckworthinessModelFile {
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

/**
 * Build a scorer from raw weights. Used by the loader and by the training scripts, so that the
 * evaluation scores exactly what the runtime scores.
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
): CheckworthinessModel & { raw(sentences: readonly string[]): Float64Array } {
  if (weights.length !== 1 << features.bits) throw new Error(`weights: expected ${1 << features.bits} values, got ${weights.length}`);
  const featurizer = new Featurizer(features);
  const { a, b } = calibration;
  const raw = (sentences: readonly string[]): Float64Array => {
    const rows = featurizer.featurizeDocument(sentences);
    const out = new Float64Array(sentences.length);
    const { rowPtr, idx, val } = rows;
    for (let r = 0; r < rows.rows; r++) {
      let z = bias;
      for (let p = rowPtr[r], e = rowPtr[r + 1]; p < e; p++) z += weights[idx[p]] * val[p];
      out[r] = z;
    }
    const g = features.neighbourScoreWeight ?? 0;
    if (g > 0 && out.length > 1) {
      const own = Float64Array.from(out);
      for (let r = 0; r < own.length; r++) {
        // Only a neighbour scoring above the sentence pulls it up; a weaker one doesn't drag it down.
        if (r > 0 && own[r - 1] > own[r]) out[r] += g * (own[r - 1] - own[r]);
        if (r + 1 < own.length && own[r + 1] > own[r]) out[r] += g * (own[r + 1] - own[r]);
      }
    }
    return out;
  };
  const scoreDocument = (sentences: readonly string[]): Float64Array => {
    const out = raw(sentences);
    for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-(a * out[i] + b)));
    return out;
  };
  const scoreOne = (sentence: string): number => scoreDocument([sentence])[0];
  return { version, threshold, raw, scoreDocument, scoreOne };
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
  if (json.format !== "claimcast-checkworthiness/1") throw new Error(`${file}: not a claimcast check-worthiness model`);
  const m = modelFromWeights(decodeWeights(json.weights), json.bias, json.features, json.calibration, json.threshold, json.version);
  const model: CheckworthinessModel = { version: m.version, threshold: m.threshold, scoreDocument: m.scoreDocument, scoreOne: m.scoreOne };
  if (path === undefined) cachedDefault = model;
  return model;
}
