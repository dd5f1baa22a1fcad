// npm run make-corpus -- --episodes 100 --out output/corpus [--seed 42] [--format webvtt]
import { parseArgs } from "node:util";
import { FORMATS, makeCorpus, type CorpusFormat } from "./lib/corpus.js";

const USAGE = `usage: npm run make-corpus -- [--episodes N] [--out DIR] [--seed S] [--format ID]

A seeded synthetic corpus built from the samples' sentence patterns (varied names, numbers, states),
N episodes spread over the supported formats (or all in one --format: ${FORMATS.join(", ")}).
The same seed always writes the same files. Defaults: 100 episodes, output/corpus, seed 42.`;

let values: { episodes?: string; out?: string; seed?: string; format?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      episodes: { type: "string", default: "100" },
      out: { type: "string", default: "output/corpus" },
      seed: { type: "string", default: "42" },
      format: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (err) {
  console.error(`make-corpus: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!(Number(values.episodes) > 0) || !Number.isInteger(Number(values.episodes))) {
  console.error(`make-corpus: --episodes must be a positive whole number, not ${values.episodes}`);
  process.exit(2);
}
if (values.format && !FORMATS.includes(values.format as CorpusFormat)) {
  console.error(`make-corpus: unknown --format ${values.format} (one of ${FORMATS.join(", ")})`);
  process.exit(2);
}
const paths = makeCorpus(values.out!, Number(values.episodes), { seed: Number(values.seed), format: values.format as CorpusFormat | undefined });
console.log(`wrote ${paths.length} episodes to ${values.out}`);
