// Worker thread for `claimcast run --jobs N`: runs the CPU-bound stages (decode → read → clean →
// segment → claims → link) for one file at a time and posts the plain EpisodeRecord back. The
// main thread keeps the single writer connection.
import { parentPort, workerData } from "node:worker_threads";
import { decodeSource } from "./core/source.js";
import { processSource } from "./pipeline.js";
import { loadScorer } from "./claims/scorer.js";
import { sentenceBuffers } from "./store/records.js";
import { describeError, readInputFile } from "./batch-errors.js";
import type { Dataset } from "./link/index.js";
import type { FormatId } from "./core/types.js";

interface Init {
  /** The whole dataset, index and link config included (structured clone keeps Maps and RegExps). */
  dataset: Dataset;
  format?: FormatId;
  modelPath?: string;
}

const init = workerData as Init;
const dataset = init.dataset;
const scorer = await loadScorer(init.modelPath);

parentPort!.on("message", (msg: { id: number; path: string }) => {
  try {
    const t0 = performance.now();
    const source = decodeSource(msg.path, readInputFile(msg.path));
    const decode = performance.now() - t0;
    const { record, times } = processSource(source, { scorer, dataset, format: init.format });
    times.decode = decode;
    // The sentence columns' buffers move to the writer without a copy.
    parentPort!.postMessage({ id: msg.id, record, times, bytes: source.text.length }, sentenceBuffers(record.sentences));
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: describeError(msg.path, err) });
  }
});
parentPort!.postMessage({ ready: true });
