import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { heuristicScore } from "./index.js";

/** A sentence scorer for one document, with the threshold that makes a sentence a claim. */
export interface Scorer {
  name: string;
  threshold: number;
  scoreDocument: (sentences: readonly string[]) => Float64Array;
}

const DEFAULT_MODEL = fileURLToPath(new URL("../../data/model/checkworthiness.json", import.meta.url));

/**
 * The shipped check-worthiness model, or the transparent heuristic when no model file is there.
 *
 * @example
 * const scorer = await loadScorer();
 * scorer.scoreDocument(["California got $0.99."]);
 */
export async function loadScorer(modelPath: string = DEFAULT_MODEL): Promise<Scorer> {
  if (existsSync(modelPath)) {
    const modName = "./checkworthiness.js";
    const mod = (await import(modName)) as {
      loadModel(p?: string): { version: string; threshold: number; scoreDocument(s: readonly string[]): Float64Array };
    };
    const m = mod.loadModel(modelPath);
    return { name: `model ${m.version}`, threshold: m.threshold, scoreDocument: (s) => m.scoreDocument(s) };
  }
  return { name: "heuristic", threshold: 0.5, scoreDocument: heuristicScore };
}
