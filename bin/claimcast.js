#!/usr/bin/env node
// The claimcast command. The TypeScript sources are compiled to dist/ by `npm run build`,
// which `npm ci` / `npm install` run through the `prepare` script.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("claimcast: not built yet: run `npm run build` (npm ci does it) in the project folder\n");
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
