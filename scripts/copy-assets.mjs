// Copies the files tsc does not: SQL migrations next to the compiled store.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("dist/store/migrations", { recursive: true });
cpSync("src/store/migrations", "dist/store/migrations", { recursive: true });
