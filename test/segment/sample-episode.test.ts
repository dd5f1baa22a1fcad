import { describe, expect, test } from "vitest";
import { evaluateEpisode, CASES } from "../../scripts/eval-segment.js";
import { lineOf } from "../../src/core/source.js";

const sample = CASES[0];

describe("the sample episode through read → clean → segment, against the hand-labelled key", () => {
  const r = evaluateEpisode(sample.path, sample.key);

  test("at least 97% of speech lines go to the right person", () => expect(r.lineAccuracy).toBeGreaterThanOrEqual(0.97));
  test("no chrome line is left in any turn and no speech line is dropped", () => {
    expect(r.chromeLeaked).toEqual([]);
    expect(r.chromeWronglyDropped).toEqual([]);
  });
  test("the teaser is found", () => expect(r.teaser.found).toBe(true));
  test("six speakers with real names and roles, the caller spelled as the credits spell her", () => {
    expect(r.missingSpeakers).toEqual([]);
    expect(r.speakers.map((s) => `${s.name}/${s.role}`).sort()).toEqual(
      ["Alexis Madrigal/host", "Clara Jeffery/guest", "John Michaels/guest", "Eleni Kounalakis/caller", "George/caller", "Pam/caller"].sort(),
    );
  });
  test("every listener comment read on air carries its listener as claimant", () => expect(r.listener.filter((l) => !l.ok)).toEqual([]));
  test("turn boundaries F1 ≥ 0.95", () => expect(r.boundaries.f1).toBeGreaterThanOrEqual(0.95));
  test("meta from the page chrome", () => expect(r.metaRight).toBe(true));

  test("every turn's and sentence's source span is in bounds, in order, and holds its words", () => {
    const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const text = r.source.text;
    let lastTurnStart = -1;
    for (const t of r.turns) {
      const ts = t.text.sourceSpan()!;
      expect(ts.start).toBeGreaterThanOrEqual(0);
      expect(ts.end).toBeLessThanOrEqual(text.length);
      expect(ts.start).toBeGreaterThan(lastTurnStart);
      lastTurnStart = ts.start;
      let lastSentenceEnd = ts.start;
      for (const s of t.sentences) {
        const sp = s.text.sourceSpan()!;
        expect(sp.start, `sentence at line ${lineOf(r.source, sp.start)}`).toBeGreaterThanOrEqual(lastSentenceEnd);
        expect(sp.end).toBeLessThanOrEqual(ts.end);
        lastSentenceEnd = sp.end;
        const slice = words(text.slice(sp.start, sp.end));
        let k = 0;
        for (const w of words(s.text.text)) {
          while (k < slice.length && slice[k] !== w) k++;
          expect(k, `word "${w}" of "${s.text.text}"`).toBeLessThan(slice.length);
          k++;
        }
      }
    }
  });
});

describe("the second caption page segments with no code change", () => {
  const r = evaluateEpisode(CASES[1].path, CASES[1].key);
  test("chrome, teaser, names and the listener comment", () => {
    expect(r.chromeLeaked).toEqual([]);
    expect(r.teaser.found).toBe(true);
    expect(r.missingSpeakers).toEqual([]);
    expect(r.speakers.find((s) => s.role === "guest")).toMatchObject({ name: "Priya Raghunathan", heardAs: "Priya Ragoonathan" });
    expect(r.listener.every((l) => l.ok)).toBe(true);
    expect(r.lineAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});
