import { Command, CommanderError } from "commander";
import { EXIT, UsageError } from "./common.js";
import { registerRun } from "./run.js";
import { registerEpisodes } from "./episodes.js";
import { registerExport } from "./export.js";
import { registerQueue } from "./queue.js";
import { registerDigest } from "./digest.js";
import { registerStatus } from "./status.js";
import { registerDataset } from "./dataset.js";
import { registerServe } from "./serve.js";
import { registerScore } from "./score.js";

/** Build the `claimcast` command tree. */
export function buildProgram(): Command {
  const program = new Command("claimcast")
    .description("Turn broadcast and podcast transcripts into a prioritised fact-check queue.")
    .version("0.1.0")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
  program.addHelpText(
    "after",
    `
Exit codes: 0 success; 1 some input file failed (the others were still ingested), or a queue
change conflicted with someone else's; 2 usage error (also an unknown id or a missing database);
3 \`queue next\` found the queue empty.

Examples:
  claimcast run transcripts/                 ingest a folder into output/claimcast.db
  claimcast episodes --json                  list episodes
  claimcast export claims --episode ID --json`,
  );
  registerRun(program);
  registerEpisodes(program);
  registerExport(program);
  registerQueue(program);
  registerDigest(program);
  registerStatus(program);
  registerDataset(program);
  registerScore(program);
  registerServe(program);
  return program;
}

/** Run the CLI; sets `process.exitCode`. */
export async function main(argv: string[]): Promise<void> {
  // `claimcast export claims | head`: a closed pipe ends the command quietly, as in other Unix tools.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit with 0; every other commander error is a usage error.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`claimcast: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const e = err as Error;
    process.stderr.write(`claimcast: ${e?.message ?? String(err)}\n`);
    if (process.env.CLAIMCAST_DEBUG) process.stderr.write(`${e?.stack}\n`);
    process.exitCode = EXIT.failed;
  }
}
