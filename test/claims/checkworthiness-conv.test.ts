import { describe, expect, test } from "vitest";
import { checkConvMember, ConvVocabulary, convScorer, convTokens } from "../../src/claims/checkworthiness-conv.js";
import { seededInt } from "../helpers/seeded-random.js";
import { compilePoolKernel } from "../../src/claims/conv-simd.js";
import { encodeMember, modelFromFile, type CheckworthinessModelFile } from "../../src/claims/checkworthiness.js";
import { convMember, convScoreDocument, trainConv, type ConvOptions } from "../../scripts/lib/checkworthiness-conv.js";

// A small training set in the sample episode's words: claims (1) and talk around them (0).
const docs = [
  {
    sentences: [
      "Welcome back to Forum.",
      "California pays more into the federal government than it gets back.",
      "Thanks for having me.",
      "In 2022, Mississippi received $2.53 for every dollar it sent to Washington.",
      "What do you think about that?",
      "California has 67 times the population of Wyoming.",
    ],
    labels: [0, 1, 0, 1, 0, 1],
  },
  {
    sentences: [
      "Let's bring in Pam in San Francisco.",
      "Go ahead, Pam.",
      "The National Guard was deployed to Los Angeles in June.",
      "I just wanted to say I love the show.",
      "California's economy is about 15% of the national economy.",
      "Okay, thank you.",
    ],
    labels: [0, 0, 1, 0, 1, 0],
  },
].map((d) => ({ ...d, posWeight: 1, negWeight: 1 }));

const options: ConvOptions = {
  vocab: 40,
  dim: 8,
  filters: 16,
  widths: [2, 3],
  maxLen: 10,
  epochs: 2,
  eta: 0.05,
  etaEmb: 0.05,
  l2: 1e-6,
  negPerPos: 2,
  pointwise: 0.3,
  batch: 4,
  pointwiseNegFraction: 1,
  init: "random",
  context: true,
  seed: 7,
};

// Unknown words, digits, a sentence shorter than the widest filter, one longer than maxLen, an empty one.
const probe = [
  "Mississippi received $2.53 for every dollar.",
  "Zyzzyva!",
  "",
  "California, California, California pays more into the federal government than it gets back, says the caller from Oakland in 2022.",
  "Welcome back.",
  "The National Guard was deployed.",
];

describe("conv check-worthiness member", () => {
  const model = trainConv(docs, options);
  const member = convMember(model);

  test("the runtime's tap tables score what the direct computation scores, in and out of context (SIMD kernel and JS loop)", () => {
    for (const runtime of [convScorer(member), convScorer(member, { simd: false })]) {
      for (const doc of [probe, probe.slice(0, 1), [], ...docs.map((d) => d.sentences)]) {
        const want = convScoreDocument(model, doc);
        const got = runtime(doc);
        expect(got.length).toBe(doc.length);
        for (let i = 0; i < doc.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i])));
      }
    }
    const runtime = convScorer(member);
    // Context: a sentence's score depends on its neighbours, and only when context is on.
    const alone = runtime([probe[0]])[0];
    expect(runtime([probe[1], probe[0], probe[4]])[1]).not.toBe(alone);
    const noCtx = convScorer({ ...member, context: false });
    expect(noCtx([probe[1], probe[0], probe[4]])[1]).toBe(noCtx([probe[0]])[0]);
  });

  test("the SIMD kernel compiles for 16 filters or a multiple, and pools the maximum window sum", () => {
    // Two words' rows for width 2, 16 filters: window sums 1+10, 2+20 → maxima per filter.
    const F = 16;
    const table = new Float32Array(4 * 2 * F);
    for (let f = 0; f < F; f++) {
      table[(0 * 2 + 0) * F + f] = 1 + f;
      table[(1 * 2 + 1) * F + f] = 10 - f;
      table[(1 * 2 + 0) * F + f] = 2;
      table[(2 * 2 + 1) * F + f] = 20 * (f % 2);
    }
    const k = compilePoolKernel([2], F, [table.length], 8);
    expect(k).toBeDefined();
    if (!k) return;
    k.tables[0].set(table);
    const rows = new Int32Array(k.memory.buffer, k.rows, 16);
    // Windows (id 0, id 1) and (id 1, id 2).
    rows.set([(0 * 2 + 0) * F * 4, (1 * 2 + 1) * F * 4, (1 * 2 + 0) * F * 4, (2 * 2 + 1) * F * 4]);
    k.pool[0](k.rows, 2, k.out);
    const got = Array.from(new Float32Array(k.memory.buffer, k.out, F));
    expect(got).toEqual(Array.from({ length: F }, (_, f) => Math.max(1 + f + 10 - f, 2 + 20 * (f % 2))));
    expect(compilePoolKernel([2], 4, [table.length], 8)).toBeUndefined();
  });

  test("widths other than 2 and 3 (1 and 4): the kernel and the JS loop, with the same scores as the direct computation", () => {
    const odd = trainConv(docs, { ...options, widths: [1, 4] });
    const want = convScoreDocument(odd, probe);
    for (const simd of [true, false]) {
      const got = convScorer(convMember(odd), { simd })(probe);
      for (let i = 0; i < probe.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i])));
    }
  });

  test("a model file with a conv member round-trips through JSON to the same scores", () => {
    const lin = { mean: 0.5, sd: 2, coef: 1 };
    const file: CheckworthinessModelFile = {
      format: "claimcast-checkworthiness/2",
      version: "cw-test",
      members: [encodeMember({ ...member, ...lin }, "conv")],
      calibration: { a: 1, b: 0 },
      threshold: 0.5,
    };
    const loaded = modelFromFile(JSON.parse(JSON.stringify(file)) as CheckworthinessModelFile);
    const raw = convScoreDocument(model, probe);
    const got = loaded.raw(probe);
    for (let i = 0; i < probe.length; i++) expect(Math.abs(got[i] - (raw[i] - lin.mean) / lin.sd)).toBeLessThan(1e-5);
  });

  test("a member whose arrays do not fit its shape is refused in one line", () => {
    expect(() => checkConvMember({ ...member, out: member.out.subarray(1) })).toThrow(/^conv member: output weights has 95 values, expected 96$/);
    expect(() => checkConvMember({ ...member, widths: [2, 4] })).toThrow(/filters of width 4 has 384 values, expected 512/);
  });

  test("the vocabulary's one-pass reader gives the ids of convTokens + a lookup, on 5,000 seeded random sentences", () => {
    const pick = seededInt(20261123);
    const pieces = ["Mississippi", "got", "$2.53", "in", "2022", "didn't", "it", "rock'n'roll", "'90s", "O'Neill", "CALIFORNIA", "don't5", "x'", "'", "a1b2", "—", "café", "don’t", "\u212a", "\u0130stanbul", ",", ".", "?", "  ", "\n"];
    const sentences = Array.from({ length: 5000 }, () => Array.from({ length: 1 + pick(14) }, () => pieces[pick(pieces.length)]).join(pick(3) === 0 ? "" : " "));
    // The vocabulary: most of the tokens these sentences make, so both hits and misses happen.
    const all = [...new Set(sentences.flatMap(convTokens))].sort();
    const words = all.filter((_, i) => i % 4 !== 0);
    const vocab = new ConvVocabulary(words);
    const map = new Map(words.map((w, i) => [w, i + 3]));
    const ids = new Int32Array(64);
    for (const s of sentences) {
      for (const max of [48, 3]) {
        const want = convTokens(s).slice(0, max).map((t) => map.get(t) ?? 0);
        const n = vocab.read(s, ids, 1, max);
        expect([s, Array.from(ids.subarray(1, 1 + n))]).toEqual([s, want]);
      }
    }
  });

  test("tokens are lower-cased words with digits folded", () => {
    expect(convTokens("Mississippi got $2.53 in 2022, didn't it?")).toEqual(["mississippi", "got", "0", "00", "in", "0000", "didn't", "it"]);
  });
});
