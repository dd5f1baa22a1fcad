import { describe, expect, test } from "vitest";
import { encodeWeights, loadModel, modelFromFile, modelFromMembers, modelFromWeights } from "../../src/claims/checkworthiness.js";
import { DEFAULT_FEATURE_OPTIONS } from "../../src/claims/checkworthiness-features.js";
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

  test("the threshold separates a checkable radio claim from a courtesy line", () => {
    const model = loadModel();
    const doc = ["Thanks so much for having me.", "In 2022, Mississippi received $2.53 for every dollar it sent."];
    const s = model.scoreDocument(doc);
    expect(s[1]).toBeGreaterThanOrEqual(model.threshold);
    expect(s[0]).toBeLessThan(model.threshold / 3);
    expect(model.scoreOne(doc[1])).toBeGreaterThanOrEqual(model.threshold);
    expect(model.scoreOne(doc[0])).toBeLessThan(model.threshold / 3);
  });

  test("is deterministic", () => {
    const model = loadModel();
    const doc = ["We cut taxes by 20 percent.", "Thank you.", "They will build the wall."];
    expect(Array.from(model.scoreDocument(doc))).toEqual(Array.from(model.scoreDocument(doc)));
    expect(Array.from(loadModel(undefined).scoreDocument([]))).toEqual([]);
  });
});

describe("model formats", () => {
  const bits = 10;
  const features = { ...DEFAULT_FEATURE_OPTIONS, bits };
  const weights = Float32Array.from({ length: 1 << bits }, (_, i) => Math.sin(i) * 0.1);
  const doc = ["We cut taxes by 20 percent.", "Thank you.", "They will build the wall."];

  test("a one-member v2 file scores like the v1 file of the same weights (up to the standardisation)", () => {
    const v1 = modelFromWeights(weights, 0.3, features);
    const v2 = modelFromFile({
      format: "claimcast-checkworthiness/2",
      version: "t",
      members: [{ name: "m", features, weights: encodeWeights(weights), bias: 0.3, mean: 0, sd: 1, coef: 1 }],
      calibration: { a: 1, b: 0 },
      threshold: 0.5,
    });
    const a = v1.raw(doc);
    const b = v2.raw(doc);
    for (let i = 0; i < doc.length; i++) expect(b[i]).toBeCloseTo(a[i], 6);
  });

  test("an ensemble is the weighted mean of standardised members; a TF-IDF member is row-normalised", () => {
    const idf = Float32Array.from({ length: 1 << bits }, (_, i) => 1 + (i % 3));
    const m1 = { features, weights, bias: 0, mean: 0.1, sd: 2, coef: 0.5 };
    const m2 = { features, weights, bias: 0, idf, mean: -0.2, sd: 0.5, coef: 0.5 };
    const ens = modelFromMembers([m1, m2]).raw(doc);
    const r1 = modelFromMembers([{ ...m1, coef: 1 }]).raw(doc);
    const r2 = modelFromMembers([{ ...m2, coef: 1 }]).raw(doc);
    for (let i = 0; i < doc.length; i++) expect(ens[i]).toBeCloseTo(0.5 * r1[i] + 0.5 * r2[i], 6);
    // Scaling every feature value of a TF-IDF member doesn't change its score (rows are L2-normalised).
    const scaled = modelFromMembers([{ ...m2, features: { ...features, wordWeight: 3, charWeight: 2.1, cueWeight: 1.5, contextWeight: 0.35 }, coef: 1 }]).raw(doc);
    for (let i = 0; i < doc.length; i++) expect(scaled[i]).toBeCloseTo(r2[i], 5);
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
    expect(out[1]).toBe(`a:2\t${Number(doc[0].toPrecision(9))}`);
    expect(out[2]).toBe(`a:3\t${Number(doc[1].toPrecision(9))}`);
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
