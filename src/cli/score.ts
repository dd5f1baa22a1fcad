import { createInterface } from "node:readline";
import { Command } from "commander";
import { loadModel, type CheckworthinessModel } from "../claims/checkworthiness.js";
import { UsageError, example } from "./common.js";

/** One parsed input line of `claimcast score`. */
interface ScoreInput {
  id: string;
  text: string;
  /** The document an id belongs to: everything before its last `:` ("" when there is none). */
  doc: string;
}

function parseLine(line: string): ScoreInput {
  const tab = line.indexOf("\t");
  const id = tab >= 0 ? line.slice(0, tab) : "";
  const text = tab >= 0 ? line.slice(tab + 1) : line;
  const colon = id.lastIndexOf(":");
  return { id, text, doc: colon >= 0 ? id.slice(0, colon) : "" };
}

/** Nine significant digits: fixed decimals would tie the many small scores an outside ranker sorts. */
function formatScore(s: number): string {
  return Number.isFinite(s) ? String(Number(s.toPrecision(9))) : "0";
}

/**
 * Streams `ID<TAB>TEXT` lines into `ID<TAB>SCORE` lines, one per input line and in order. Consecutive
 * lines whose ids share the `doc` part of `doc:line` form one document, so the model's context
 * features see the neighbouring sentences. Blank texts are not scored: they give `ID<TAB>0` and are
 * left out of their document's context.
 */
export class LineScorer {
  private pending: ScoreInput[] = [];
  private doc: string | undefined;

  constructor(private readonly model: CheckworthinessModel) {}

  /** Add one input line; returns the output lines that are now final (a finished document's). */
  push(line: string): string[] {
    const input = parseLine(line.replace(/\r$/, ""));
    const out = this.doc !== undefined && input.doc !== this.doc ? this.flush() : [];
    this.doc = input.doc;
    this.pending.push(input);
    return out;
  }

  /** Score and return the lines still held. */
  flush(): string[] {
    const items = this.pending;
    this.pending = [];
    this.doc = undefined;
    const texts: string[] = [];
    const at: number[] = [];
    items.forEach((it, i) => {
      if (it.text.trim() !== "") {
        at.push(i);
        texts.push(it.text);
      }
    });
    const scores = texts.length ? this.model.scoreDocument(texts) : new Float64Array(0);
    const out = items.map((it) => `${it.id}\t0`);
    at.forEach((i, k) => (out[i] = `${items[i].id}\t${formatScore(scores[k])}`));
    return out;
  }
}

/**
 * Score `ID<TAB>TEXT` lines with a model; returns `ID<TAB>SCORE` lines, in order (see {@link LineScorer}).
 *
 * @example
 * scoreLines(["ep1:1\tThanks for having me.", "ep1:2\tTaxes rose 12% in 2022."], loadModel());
 * // ["ep1:1\t0.0…", "ep1:2\t0.…"], one per input line
 */
export function scoreLines(lines: readonly string[], model: CheckworthinessModel): string[] {
  const s = new LineScorer(model);
  const out: string[] = [];
  for (const l of lines) out.push(...s.push(l));
  out.push(...s.flush());
  return out;
}

/** `claimcast score [--model FILE]`: score sentences read on stdin. */
export function registerScore(program: Command): void {
  const cmd = program
    .command("score")
    .description(
      "Score sentences for check-worthiness. Reads `ID<TAB>TEXT` lines on stdin and writes `ID<TAB>SCORE` " +
        "(a calibrated 0..1 score, higher = more check-worthy) on stdout, one line per input line, in order.",
    )
    .option("--model <file>", "model file (default: the shipped data/model/checkworthiness.json)");
  cmd.addHelpText(
    "after",
    `
Documents: consecutive lines whose ids share the part before the last ':' (ep1:1, ep1:2, … → "ep1")
form one document, so each sentence is scored with its neighbours. Ids without ':' all belong to one
document until an id with a different prefix appears.
A line without a tab is taken as text with an empty id (output "<TAB>SCORE").
A byte-order mark at the start of the input is dropped.
A blank text is not scored: it gives "ID<TAB>0" and does not count as a neighbour.
The model's queue threshold is printed on stderr.`,
  );
  example(
    cmd,
    `printf 'ep1:1\\tThanks so much for having me.\\nep1:2\\tIn 2022, Mississippi received $2.53 for every dollar it sent to Washington.\\n' | claimcast score
ep1:1	0.0077…
ep1:2	0.159…   (above the shipped model's queue threshold, 0.08172)`,
  );
  cmd.action(async (opts: { model?: string }) => {
    let model: CheckworthinessModel;
    try {
      model = loadModel(opts.model);
    } catch (e) {
      // A model file given by hand that cannot be loaded is a usage error, worded as `run --model` words it.
      if (opts.model === undefined) throw e;
      throw new UsageError(`--model ${opts.model}: ${(e as Error).message.split("\n")[0]}`);
    }
    process.stderr.write(`model ${model.version}, threshold ${model.threshold}\n`);
    const scorer = new LineScorer(model);
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let first = true;
    for await (const raw of rl) {
      // A byte-order mark at the start of the input is not part of the first id.
      const line = first && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      first = false;
      const out = scorer.push(line);
      if (out.length) process.stdout.write(out.join("\n") + "\n");
    }
    const rest = scorer.flush();
    if (rest.length) process.stdout.write(rest.join("\n") + "\n");
  });
}
