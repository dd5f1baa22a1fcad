import { describe, expect, test } from "vitest";
import { DEFAULT_FEATURE_OPTIONS, Featurizer, hashWord, WordClasses } from "../../src/claims/checkworthiness-features.js";
import { memberScorer } from "../../src/claims/checkworthiness.js";

const doc = [
  "In 2022, Mississippi received $2.53 for every dollar it sent to Washington.",
  "Thanks so much for having me.",
  "We don't know — it's 12% higher than last year?",
  "",
  "Unemployment fell to 3.1 percent, the lowest rate since 1976.",
];

describe("word-class table", () => {
  test("looks words up by hash and round-trips through its encoding", () => {
    const t = new WordClasses([
      [hashWord("taxes"), 9],
      [hashWord("we"), 255],
      [hashWord("0"), 17],
    ]);
    expect(t.get(hashWord("Taxes"))).toBe(9);
    expect(t.get(hashWord("we"))).toBe(255);
    expect(t.get(hashWord("7"))).toBe(17);
    expect(t.get(hashWord("dollar"))).toBe(0);
    const u = WordClasses.decode(t.encode());
    expect(u.size).toBe(3);
    for (const w of ["taxes", "we", "0", "dollar"]) expect(u.get(hashWord(w))).toBe(t.get(hashWord(w)));
    expect(() => new WordClasses([[1, 0]])).toThrow();
  });

  test("class n-grams are emitted only with a table and a weight", () => {
    const t = new WordClasses([[hashWord("mississippi"), 20]]);
    const plain = new Featurizer(DEFAULT_FEATURE_OPTIONS).featurizeDocument(doc).nnz;
    const withClasses = new Featurizer({ ...DEFAULT_FEATURE_OPTIONS, classWeight: 0.5 }, t).featurizeDocument(doc).nnz;
    expect(withClasses).toBeGreaterThan(plain);
    expect(new Featurizer(DEFAULT_FEATURE_OPTIONS, t).featurizeDocument(doc).nnz).toBe(plain);
    expect(() => new Featurizer({ ...DEFAULT_FEATURE_OPTIONS, classWeight: 0.5 })).toThrow();
  });

  test("tokenize gives the features' word hashes", () => {
    const f = new Featurizer(DEFAULT_FEATURE_OPTIONS);
    expect(Array.from(f.tokenize("Taxes rose 12%."))).toEqual([hashWord("taxes"), hashWord("rose"), hashWord("00"), hashWord("%")]);
  });
});

describe("scoring without rows", () => {
  test("scoreDocument equals the dot product with featurizeDocument's rows, bit for bit", () => {
    for (const opts of [DEFAULT_FEATURE_OPTIONS, { ...DEFAULT_FEATURE_OPTIONS, bits: 12, contextWeight: 0 }, { ...DEFAULT_FEATURE_OPTIONS, bits: 12, classWeight: 0.3 }]) {
      const classes = new WordClasses([[hashWord("dollar"), 30]]);
      const weights = Float32Array.from({ length: 1 << opts.bits }, (_, i) => Math.sin(i * 0.37) * 0.2);
      const f = new Featurizer(opts, classes);
      const rows = f.featurizeDocument(doc);
      const expected = new Float64Array(rows.rows);
      for (let r = 0; r < rows.rows; r++) {
        let z = 0;
        for (let p = rows.rowPtr[r]; p < rows.rowPtr[r + 1]; p++) z += weights[rows.idx[p]] * rows.val[p];
        expected[r] = z + 0.25;
      }
      const out = new Float64Array(doc.length);
      f.scoreDocument(doc, weights, 0.25, out);
      expect(Array.from(out)).toEqual(Array.from(expected));
      expect(Array.from(memberScorer({ features: opts, weights, bias: 0.25, classes })(doc))).toEqual(Array.from(expected));
      // The featurizer is reusable after scoring.
      expect(f.featurizeDocument(doc).nnz).toBe(rows.nnz);
    }
  });
});

describe("word classes in a model file", () => {
  test("a v2 member with a class table loads and scores as its member does", async () => {
    const { modelFromFile } = await import("../../src/claims/checkworthiness.js");
    const { encodeWeights } = await import("../../src/claims/checkworthiness.js");
    const features = { ...DEFAULT_FEATURE_OPTIONS, bits: 12, classWeight: 0.3 };
    const classes = new WordClasses([[hashWord("percent"), 12], [hashWord("we"), 255]]);
    const weights = Float32Array.from({ length: 1 << 12 }, (_, i) => Math.cos(i) * 0.1);
    const m = modelFromFile({
      format: "claimcast-checkworthiness/2",
      version: "t",
      members: [{ name: "a", features, weights: encodeWeights(weights), bias: 0.1, classes: classes.encode(), mean: 0, sd: 1, coef: 1 }],
      calibration: { a: 1, b: 0 },
      threshold: 0.5,
    });
    const raw = memberScorer({ features, weights, bias: 0.1, classes })(doc);
    expect(Array.from(m.raw(doc))).toEqual(Array.from(raw));
  });

  test("training-time POS tagging maps the features' tokens to classes", async () => {
    const { tagSentence, POS_CLASSES } = await import("../../scripts/lib/checkworthiness-wordclass.js");
    const pairs = tagSentence("We said the deficit was higher in 2019.");
    const cls = new Map<number, string>();
    for (let i = 0; i < pairs.length; i += 2) cls.set(pairs[i], POS_CLASSES[pairs[i + 1] - 5]?.[0] ?? "X");
    expect(cls.get(hashWord("we"))).toBe("PRP");
    expect(cls.get(hashWord("the"))).toBe("DT");
    expect(cls.get(hashWord("said"))).toBe("VBD");
    expect(cls.get(hashWord("2019"))).toBe("YEAR");
  });
});
