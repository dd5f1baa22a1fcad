import { describe, expect, test } from "vitest";
import { checkConvMember, convScorer, convTokens } from "../../src/claims/checkworthiness-conv.js";
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
  filters: 4,
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

  test("the runtime's tap tables score what the direct computation scores, in and out of context", () => {
    const runtime = convScorer(member);
    for (const doc of [probe, probe.slice(0, 1), [], ...docs.map((d) => d.sentences)]) {
      const want = convScoreDocument(model, doc);
      const got = runtime(doc);
      expect(got.length).toBe(doc.length);
      for (let i = 0; i < doc.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i])));
    }
    // Context: a sentence's score depends on its neighbours, and only when context is on.
    const alone = runtime([probe[0]])[0];
    expect(runtime([probe[1], probe[0], probe[4]])[1]).not.toBe(alone);
    const noCtx = convScorer({ ...member, context: false });
    expect(noCtx([probe[1], probe[0], probe[4]])[1]).toBe(noCtx([probe[0]])[0]);
  });

  test("widths other than 2 and 3 take the general loop, with the same scores as the direct computation", () => {
    const odd = trainConv(docs, { ...options, widths: [1, 4] });
    const want = convScoreDocument(odd, probe);
    const got = convScorer(convMember(odd))(probe);
    for (let i = 0; i < probe.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5 * (1 + Math.abs(want[i])));
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
    expect(() => checkConvMember({ ...member, out: member.out.subarray(1) })).toThrow(/^conv member: output weights has 23 values, expected 24$/);
    expect(() => checkConvMember({ ...member, widths: [2, 4] })).toThrow(/filters of width 4 has 96 values, expected 128/);
  });

  test("tokens are lower-cased words with digits folded", () => {
    expect(convTokens("Mississippi got $2.53 in 2022, didn't it?")).toEqual(["mississippi", "got", "0", "00", "in", "0000", "didn't", "it"]);
  });
});
