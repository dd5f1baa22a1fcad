import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadModel } from "../../src/claims/checkworthiness.js";
import { FLOOR_SPLIT, runSkeleton, sentencesOf, SKELETON_VARIANTS } from "../../scripts/lib/skeleton.js";

const samples = readdirSync("transcripts")
  .sort()
  .map((f) => join("transcripts", f));
const work = mkdtempSync(join(tmpdir(), "claimcast-skeleton-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("benchmark skeletons (scripts/lib/skeleton.ts)", () => {
  test("sentencesOf keeps each piece's offsets into the text, and finds the floor's pieces", () => {
    const text = readFileSync(samples[0], "utf8");
    const s = sentencesOf(text);
    expect(s.texts.length).toBe(text.split(FLOOR_SPLIT).length);
    expect(s.texts.length).toBeGreaterThan(10);
    s.texts.forEach((t, i) => expect(text.slice(s.starts[i], s.ends[i])).toBe(t));
    expect(sentencesOf("One. Two?  Three!\nFour").texts).toEqual(["One.", "Two?", "Three!", "Four"]);
    expect(Array.from(sentencesOf("One. Two").starts)).toEqual([0, 5]);
  });

  test("every variant reads the same bytes and pieces; the store variants leave no database behind", () => {
    const model = loadModel();
    const runs = SKELETON_VARIANTS.map((v) => runSkeleton(v, samples, model, work));
    const bytes = samples.reduce((a, f) => a + Buffer.byteLength(readFileSync(f, "utf8")), 0);
    for (const r of runs) {
      expect(r.bytes).toBe(bytes);
      expect(r.sentences).toBe(runs[0].sentences);
      expect(r.seconds).toBeGreaterThan(0);
    }
    // Only store-min counts the pieces at or above the threshold it stores as claims.
    const min = runs[SKELETON_VARIANTS.indexOf("store-min")];
    expect(min.claims).toBeGreaterThan(0);
    expect(min.claims).toBeLessThan(min.sentences);
    expect(readdirSync(work)).toEqual([]);
    expect(() => runSkeleton("score", samples, undefined, work)).toThrow(/score needs a scorer/);
  });

  test("store-min stores each file's text, its sentences' offsets and scores, and the pieces above the threshold", () => {
    const model = loadModel();
    const dir = mkdtempSync(join(work, "keep-"));
    const r = runSkeleton("store-min", samples, model, dir, { keep: true });
    const db = new Database(join(dir, "skeleton-store-min.db"), { readonly: true });
    const docs = db.prepare("SELECT id, path, text, sentences FROM docs ORDER BY id").all() as { id: number; path: string; text: string; sentences: Buffer }[];
    expect(docs.map((d) => d.path)).toEqual(samples);
    let claims = 0;
    docs.forEach((d) => {
      const text = readFileSync(d.path, "utf8");
      expect(d.text).toBe(text);
      const s = sentencesOf(text);
      const scores = model.scoreDocument(s.texts);
      expect(d.sentences.length).toBe(12 * s.texts.length);
      s.texts.forEach((_, i) => {
        expect(d.sentences.readUInt32LE(12 * i)).toBe(s.starts[i]);
        expect(d.sentences.readUInt32LE(12 * i + 4)).toBe(s.ends[i]);
        expect(d.sentences.readFloatLE(12 * i + 8)).toBe(Math.fround(scores[i]));
      });
      const above = s.texts.flatMap((t, i) => (scores[i] >= model.threshold ? [t] : []));
      const stored = (db.prepare("SELECT text FROM claims WHERE doc_id = ? ORDER BY idx").all(d.id) as { text: string }[]).map((x) => x.text);
      expect(stored).toEqual(above);
      claims += above.length;
    });
    expect(r.claims).toBe(claims);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
