import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * End-to-end tests spawn `bin/claimcast.js`, which runs the compiled `dist/`. Build once before
 * the suite so they always test the current sources. tsc still emits when it finds type errors;
 * outside CI we go on with that output (and say so), in CI a type error fails the run.
 *
 * Every temporary folder the tests (and the CLI processes they spawn) make goes under one folder
 * of this run: `TMPDIR` points there, `os.tmpdir()` reads it, the test workers and their children
 * inherit it, and the teardown removes it, so a run leaves nothing behind in the system's /tmp.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "claimcast-test-"));
  process.env.TMPDIR = root;
  try {
    execSync("npx tsc -p tsconfig.json && node scripts/copy-assets.mjs", { stdio: "pipe" });
  } catch (err) {
    const out = String((err as { stdout?: Buffer }).stdout ?? "");
    if (process.env.CI) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`build failed:\n${out}`);
    }
    execSync("node scripts/copy-assets.mjs");
    process.stderr.write(`warning: type errors in the build (tests go on with tsc's output):\n${out.slice(0, 2000)}\n`);
  }
  return () => rmSync(root, { recursive: true, force: true });
}
