import { describe, expect, test } from "vitest";
import { loadModel } from "../../src/claims/checkworthiness.js";
import { scoreLines } from "../../src/cli/score.js";
import { averageMeasures, docMeasures } from "../../scripts/lib/checkworthiness-metrics.js";

describe("shipped check-worthiness model", () => {
  test("loads fast and has a threshold in 0..1", () => {
    const t0 = performance.now();
    const model = loadModel();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(model.version).toMatch(/^cw-/);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    expect(loadModel()).toBe(model);
  });

  test("ranks a checkable radio claim above chit-chat", () => {
    const model = loadModel();
    const doc = [
      "Thanks so much for having me, Alexis.",
      "In 2022, Mississippi received $2.53 for every dollar it sent to Washington.",
      "What do you think?",
      "Unemployment in the state fell to 3.1 percent last year, the lowest rate since 1976.",
      "Good morning, everybody.",
    ];
    const s = model.scoreDocument(doc);
    for (const claim of [1, 3]) for (const chat of [0, 2, 4]) expect(s[claim]).toBeGreaterThan(s[chat]);
    for (const x of s) expect(x).toBeGreaterThanOrEqual(0), expect(x).toBeLessThanOrEqual(1);
    expect(model.scoreOne(doc[1])).toBeGreaterThan(model.scoreOne(doc[0]));
  });

  test("is deterministic", () => {
    const model = loadModel();
    const doc = ["We cut taxes by 20 percent.", "Thank you.", "They will build the wall."];
    expect(Array.from(model.scoreDocument(doc))).toEqual(Array.from(model.scoreDocument(doc)));
    expect(Array.from(loadModel(undefined).scoreDocument([]))).toEqual([]);
  });
});

describe("scoreLines", () => {
  const model = loadModel();
  const cases = [
    {
      name: "keeps ids and order across documents",
      input: ["a:1\tThanks for having me.", "a:2\tTaxes rose 12% in 2022.", "b:1\tWhat do you think?", "a:3\tWe spent $4 billion."],
      ids: ["a:1", "a:2", "b:1", "a:3"],
    },
    { name: "line without a tab has an empty id", input: ["Taxes rose 12% in 2022.", "x:1\tHello."], ids: ["", "x:1"] },
    { name: "blank text scores 0", input: ["a:1\t", "a:2\tTaxes rose 12% in 2022."], ids: ["a:1", "a:2"] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const out = scoreLines(c.input, model);
      expect(out.map((l) => l.split("\t")[0])).toEqual(c.ids);
      for (const l of out) expect(Number(l.split("\t")[1])).not.toBeNaN();
    });
  }

  test("blank text gives exactly 0 and a document is scored with its neighbours", () => {
    const out = scoreLines(["a:1\t   ", "a:2\tTaxes rose 12% in 2022.", "a:3\tThank you."], model);
    expect(out[0]).toBe("a:1\t0");
    const doc = model.scoreDocument(["Taxes rose 12% in 2022.", "Thank you."]);
    expect(out[1]).toBe(`a:2\t${doc[0].toFixed(6)}`);
    expect(out[2]).toBe(`a:3\t${doc[1].toFixed(6)}`);
  });
});

describe("official CheckThat! measures", () => {
  test("AP, R-precision, RR and P@k on a hand-computed ranking", () => {
    // Ranking by score: idx 2 (0.9, pos), 0 (0.8, neg), 3 (0.7, neg), 1 (0.6, pos), 4 (0.1, pos).
    const m = docMeasures([0.8, 0.6, 0.9, 0.7, 0.1], [0, 1, 1, 0, 1]);
    expect(m.positives).toBe(3);
    expect(m.ap).toBeCloseTo((1 / 1 + 2 / 4 + 3 / 5) / 3, 12);
    expect(m.rPrecision).toBeCloseTo(1 / 3, 12);
    expect(m.rr).toBe(1);
    expect(m.pAt[1]).toBe(1);
    expect(m.pAt[3]).toBeCloseTo(1 / 3, 12);
    expect(m.pAt[5]).toBeCloseTo(3 / 5, 12);
    expect(m.pAt[10]).toBeCloseTo(3 / 10, 12);
  });

  test("ties keep document order (stable sort)", () => {
    expect(docMeasures([0.5, 0.5], [0, 1]).ap).toBe(0.5);
    expect(docMeasures([0.5, 0.5], [1, 0]).ap).toBe(1);
  });

  test("MAP skips documents without positives and weighs documents equally", () => {
    const a = docMeasures([1, 0], [1, 0]);
    const b = docMeasures([1, 0], [0, 1]);
    const none = docMeasures([1, 0], [0, 0]);
    const avg = averageMeasures([a, b, none]);
    expect(avg.docs).toBe(2);
    expect(avg.map).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(avg.mrr).toBeCloseTo(0.75, 12);
  });
});
