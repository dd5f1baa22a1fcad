import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { decodeSource } from "../src/core/source.js";
import { processSource, hashClaimText, episodeIdOf } from "../src/pipeline.js";
import { loadScorer } from "../src/claims/scorer.js";
import { checkSpans } from "./helpers/assert-spans.js";
import { sentenceRow } from "../src/store/records.js";

const files = readdirSync("transcripts").map((f) => `transcripts/${f}`);

describe("pipeline on the samples", () => {
  test.each(files)("%s: every stored span is in bounds and holds its words", async (path) => {
    const source = decodeSource(path, readFileSync(path));
    const { record } = processSource(source, { scorer: await loadScorer(), dataset: { rows: [], sources: new Map() } });
    expect(record.episode.id).toBe(episodeIdOf(path));
    expect(record.turns.length).toBeGreaterThan(0);
    expect(record.claims.length).toBeGreaterThan(0);
    expect(checkSpans(source, record.turns, "turn")).toEqual([]);
    const sentences = Array.from({ length: record.sentences.count }, (_, i) => sentenceRow(record.sentences, i));
    expect(sentences.length).toBeGreaterThan(50);
    expect(checkSpans(source, sentences, "sentence")).toEqual([]);
    // Every claim points at a sentence of its own turn that contains its words.
    for (const c of record.claims) {
      const s = sentences[c.sentence_idx];
      expect(s.turn_idx).toBe(c.turn_idx);
      expect(c.start_offset).toBeGreaterThanOrEqual(s.start_offset);
    }
    expect(checkSpans(source, record.claims, "claim")).toEqual([]);
    // Claim ids are unique and derived from text, not from position.
    const ids = record.claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("claim identity ignores case, spacing and punctuation but not numbers", () => {
    expect(hashClaimText("California got $0.99.")).toBe(hashClaimText("california  got $0.99"));
    expect(hashClaimText("California got $0.99.")).not.toBe(hashClaimText("California got $0.98."));
  });
});
