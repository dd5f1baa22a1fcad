import { readFileSync } from "node:fs";
import { decodeSource } from "../../src/core/source.js";
import type { StageContext, Turn } from "../../src/core/types.js";
import { readTranscript } from "../../src/read/index.js";
import { cleanTranscript } from "../../src/clean/index.js";
import { segmentTurns } from "../../src/segment/index.js";

/** Read → clean → segment one transcript (no CLI, no store). */
export function turnsOf(path: string): { turns: Turn[]; ctx: StageContext } {
  const source = decodeSource(path, readFileSync(path));
  const ctx: StageContext = { source, report: () => {} };
  const turns = segmentTurns(cleanTranscript(readTranscript(ctx), ctx), ctx);
  return { turns, ctx };
}

/** A scorer that gives every sentence the same score. */
export const constantScorer = (x: number) => (s: readonly string[]) => new Float64Array(s.length).fill(x);
