import { Command } from "commander";
import { existsSync } from "node:fs";
import { DbFileError, openDb, type DB } from "../store/open.js";
import { escapeControls } from "../batch-errors.js";

/** Default database path. */
export const DEFAULT_DB = "output/claimcast.db";

/** Exit codes: 0 success, 1 some input failed, 2 usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Add the `--db FILE` option to a command. */
export function withDb(cmd: Command): Command {
  return cmd.option("--db <file>", "SQLite database file", DEFAULT_DB);
}

/**
 * Open the database named by a command's `--db` option. Only `run` (and imports) create a new
 * database (also in a 0-byte file); every other command refuses a path where there is none, or an
 * empty file, instead of making an empty database. Nothing opens a file that is not an SQLite
 * database or holds another program's tables: a usage error naming the file, and the file is left
 * as it was. An older claimcast database is migrated forward.
 */
export function dbFrom(opts: { db?: string }, how: { create?: boolean } = {}): DB {
  const file = opts.db ?? DEFAULT_DB;
  if (!how.create && file !== ":memory:" && !existsSync(file))
    throw new UsageError(`no database at ${file}: run \`claimcast run <transcripts>\` first, or pass --db FILE`);
  try {
    return openDb(file, { existing: !how.create });
  } catch (e) {
    if (e instanceof DbFileError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Text for a terminal: control characters other than tab and line break (an escape sequence from
 * a transcript or a form could clear or rewrite the screen) and bidirectional overrides shown as
 * visible escapes instead of being sent raw. For the human-readable output; `--json` escapes the
 * control characters anyway.
 *
 * @example
 * forTerminal("a\u001b[2Jb"); // "a\\x1b[2Jb"
 */
export function forTerminal(s: string): string {
  return escapeControls(s, "\n\t");
}

/** A commander option parser for a whole number ≥ 1 (a usage error, exit 2, otherwise). */
export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`expected a positive whole number, got '${v}'`);
  return n;
}

/** Print data as pretty JSON on stdout. */
export function printJson(data: unknown): void {
  process.stdout.write(JSON.stringify(data, null, 2) + "\n");
}

/** Add an example block to a command's help. */
export function example(cmd: Command, text: string): Command {
  return cmd.addHelpText("after", `\nExample:\n${text.replace(/^/gm, "  ")}\n`);
}
