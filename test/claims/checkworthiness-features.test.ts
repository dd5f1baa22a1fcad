import { describe, expect, test } from "vitest";
import { DEFAULT_FEATURE_OPTIONS, Featurizer, hashWord, mix32, WordClasses } from "../../src/claims/checkworthiness-features.js";
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

describe("character n-grams", () => {
  // A plain reference of the character block: fold (lower-case ASCII and Latin-1 capitals, digits to 0, curly
  // apostrophes to '), whitespace runs (space, tab, LF, CR, NBSP) as one space, a space at each end, FNV-1a per n-gram.
  const fold = (c: number): number =>
    (c >= 65 && c <= 90) || (c >= 192 && c <= 222 && c !== 215) ? c + 32 : c >= 48 && c <= 57 ? 48 : c === 0x2018 || c === 0x2019 ? 39 : c;
  function reference(s: string, opts: { bits: number; charMin: number; charMax: number; charWeight: number }): Map<number, number> {
    const inner = s.replace(/[ \t\n\r\u00a0]+/g, " ").replace(/^ | $/g, "");
    const t = inner === "" ? " " : ` ${inner} `;
    const codes = Array.from({ length: t.length }, (_, i) => fold(t.charCodeAt(i)));
    const out = new Map<number, number>();
    const { charMin, charMax } = opts;
    if (codes.length < charMin) return out;
    const v = Math.fround(opts.charWeight / Math.sqrt((charMax - charMin + 1) * codes.length));
    for (let i = 0; i + charMin <= codes.length; i++) {
      let h = 0x297a2d39;
      for (let j = i; j < Math.min(codes.length, i + charMax); j++) {
        h = Math.imul(h ^ codes[j], 16777619);
        if (j - i + 1 < charMin) continue;
        const m = mix32(h ^ (j - i));
        const slot = m & ((1 << opts.bits) - 1);
        out.set(slot, Math.fround((out.get(slot) ?? 0) + (m < 0 ? -v : v)));
      }
    }
    return out;
  }
  const texts = [
    "Taxes ROSE 12.5% in 2022 — \u201cwe\u2019re\u201d told.",
    "  \tÉCOLE\u00a0\u00a0naïve ÀÞ×÷ Ǆ ЖЖ 😀\r\n",
    "ok",
    "a",
    "",
    "   ",
    "It's   the\u2018end\u2019.",
    "x".repeat(300) + " y",
  ];

  test("match a plain reference on odd whitespace, case, digits, quotes and non-Latin text", () => {
    for (const [charMin, charMax] of [
      [3, 5],
      [2, 4],
      [4, 4],
    ]) {
      const opts = { ...DEFAULT_FEATURE_OPTIONS, bits: 20, charMin, charMax, wordWeight: 0, cues: false, contextWeight: 0 };
      const rows = new Featurizer(opts).featurizeDocument(texts);
      texts.forEach((s, r) => {
        const got = new Map<number, number>();
        for (let p = rows.rowPtr[r]; p < rows.rowPtr[r + 1]; p++) got.set(rows.idx[p], Math.fround((got.get(rows.idx[p]) ?? 0) + rows.val[p]));
        expect([...got].sort((a, b) => a[0] - b[0])).toEqual([...reference(s, opts)].sort((a, b) => a[0] - b[0]));
      });
    }
  });

  test("scoring is bit-identical to the rows on them, in any document, also after a huge document", () => {
    const weights = Float32Array.from({ length: 1 << 18 }, (_, i) => Math.sin(i * 0.91) * 0.3);
    const f = new Featurizer(DEFAULT_FEATURE_OPTIONS);
    const check = (d: string[]) => {
      const rows = f.featurizeDocument(d);
      const expected = Array.from({ length: rows.rows }, (_, r) => {
        let z = 0;
        for (let p = rows.rowPtr[r]; p < rows.rowPtr[r + 1]; p++) z += weights[rows.idx[p]] * rows.val[p];
        return z - 0.5;
      });
      const out = new Float64Array(d.length);
      f.scoreDocument(d, weights, -0.5, out);
      expect(Array.from(out)).toEqual(expected);
      return out;
    };
    const before = check([...texts, ...doc]);
    // ~1.2 M code units: more than the folded-text buffer the featurizer keeps between documents.
    check(Array.from({ length: 12000 }, (_, i) => `${texts[i % texts.length]} ${i} ${doc[i % doc.length]}`));
    expect(Array.from(check([...texts, ...doc]))).toEqual(Array.from(before));
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
