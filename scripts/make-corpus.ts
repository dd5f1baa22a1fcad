// npm run make-corpus -- --episodes 100 --out output/corpus [--seed 42] [--format webvtt]
import { parseArgs } from "node:util";
import { FORMATS, makeCorpus, type CorpusFormat } from "./lib/corpus.js";

const { values } = parseArgs({
  options: {
    episodes: { type: "string", default: "100" },
    out: { type: "string", default: "output/corpus" },
    seed: { type: "string", default: "42" },
    format: { type: "string" },
  },
});
if (values.format && !FORMATS.includes(values.format as CorpusFormat)) {
  console.error(`make-corpus: unknown --format ${values.format} (one of ${FORMATS.join(", ")})`);
  process.exit(2);
}
const paths = makeCorpus(values.out!, Number(values.episodes), { seed: Number(values.seed), format: values.format as CorpusFormat | undefined });
console.log(`wrote ${paths.length} episodes to ${values.out}`);
