import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Absolute path of the bin, as package.json declares it. */
export const BIN = resolve("bin/claimcast.js");

/** Run the CLI synchronously; returns status, stdout, stderr. */
export function cli(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: opts.input,
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A fresh temporary folder. */
export function tempDir(prefix = "claimcast-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
