import { execSync } from "node:child_process";

/**
 * End-to-end tests spawn `bin/claimcast.js`, which runs the compiled `dist/`. Build once before
 * the suite so they always test the current sources.
 */
export default function setup(): void {
  execSync("npm run build --silent", { stdio: "inherit" });
}
