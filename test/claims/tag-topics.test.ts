import { describe, expect, test } from "vitest";
import { compileTopicMatcher, compileTopicPrefilter, tagTopics } from "../../src/claims/tag-topics.js";
import { loadTaxonomy } from "../../src/claims/load-taxonomy.js";
import { stemWord } from "../../src/claims/tokenize-words.js";

const taxonomy = loadTaxonomy().topics;
const m = compileTopicMatcher(taxonomy);

const cases: { name: string; input: string; context?: string[]; expected: Record<string, string[]> }[] = [
  { name: "plain term", input: "Actual secession is a legal impossibility.", expected: { secession: ["secession"] } },
  { name: "inflection", input: "states cannot unilaterally secede; Texas seceded; seceding", expected: { secession: ["secede", "seceded", "seceding"] } },
  { name: "succession gated on: states in the same sentence", input: "people have been talking about succession in their own state", expected: { secession: ["succession"] } },
  { name: "succession gated off: no context", input: "the royal succession was settled", expected: {} },
  { name: "succession gated on by a neighbouring sentence", input: "this idea of succession", context: ["blue states want out of the union"], expected: { secession: ["succession"] } },
  { name: "SALT ASR variant", input: "That's the sustain local tax deduction.", expected: { salt: ["sustain local tax deduction"], taxes: ["tax"] } },
  { name: "salt tax gated", input: "the salt tax was being debated and the salt tax deduction", expected: { salt: ["salt tax", "salt tax deduction"], taxes: ["tax"] } },
  { name: "salt without tax context", input: "pass the salt please", expected: {} },
  { name: "national guards plural", input: "taking over national guards, about turning our military", expected: { "national-guard": ["national guards"] } },
  { name: "escrow", input: "remit federal taxes owed to a state escrow account", expected: { "escrow-taxes": ["remit federal taxes", "federal taxes owed to a state", "state escrow", "escrow account"], taxes: ["taxes"] } },
  { name: "escrow needs tax context", input: "the mortgage escrow closed", expected: {} },
  { name: "ICE is case-sensitive", input: "ICE raids; ice on the road", expected: { "immigration-enforcement": ["ICE raids"] } },
  { name: "balance of payments", input: "$0.91 for every federal tax dollar it sent", expected: { "balance-of-payments": ["for every federal tax dollar"], taxes: ["tax"] } },
  { name: "population gated 'times the'", input: "California has 67 times the of Wyoming", context: ["a deeper issue of high population states"], expected: { population: ["times the"] } },
  { name: "word boundaries", input: "the constitutionalists' taxidermy", expected: {} },
];

describe("tagTopics", () => {
  test.each(cases)("$name", ({ input, context, expected }) => {
    const got = Object.fromEntries(tagTopics(m, input, context).map((t) => [t.id, t.terms]));
    expect(got).toEqual(expected);
  });

  test("tags are ordered by weight and carry labels", () => {
    const tags = tagTopics(m, "tariffs and taxes on the media");
    expect(tags.map((t) => t.id)).toEqual(["tariffs", "taxes", "media"]);
    expect(tags[0].label).toMatch(/Tariff/);
  });

  test("the matcher is compiled once per taxonomy", () => {
    expect(compileTopicMatcher(taxonomy)).toBe(m);
  });

  test("taxonomy has the required topics with weights and terms", () => {
    const ids = taxonomy.topics.map((t) => t.id);
    for (const id of ["secession", "salt", "escrow-taxes", "national-guard", "balance-of-payments", "taxes", "tariffs", "immigration-enforcement", "courts-constitution", "economy", "population", "elections", "public-health", "research-funding", "media"])
      expect(ids).toContain(id);
    for (const t of taxonomy.topics) {
      expect(t.weight).toBeGreaterThan(0);
      expect(t.terms.length).toBeGreaterThan(0);
    }
  });
});

describe("compileTopicPrefilter", () => {
  const heavy = (i: number) => taxonomy.topics[i].weight >= 2.5;
  const mayHaveHeavy = compileTopicPrefilter(m, heavy);
  const heavyIds = new Set(taxonomy.topics.filter((t) => t.weight >= 2.5).map((t) => t.id));
  test("true wherever a wanted topic is tagged (a necessary condition)", () => {
    const inputs = [...cases.map((c) => c.input), "POLICIES on DEPLOYMENTS of GUARDSMEN", "the Deficiencies", "we’re talking tariffs", "they Deported him"];
    for (const input of inputs) {
      const tagged = tagTopics(m, input, ["states tax troops federal"]).some((t) => heavyIds.has(t.id));
      if (tagged) expect(mayHaveHeavy(input), input).toBe(true);
    }
  });
  test("false on a sentence with no word of a wanted topic", () => {
    expect(mayHaveHeavy("The weather was lovely in the morning.")).toBe(false);
    expect(compileTopicPrefilter(m, () => false)("Secession!")).toBe(false);
  });
});

describe("stemWord", () => {
  test.each([
    { name: "plural", input: ["deployments", "deployment"] },
    { name: "-ies", input: ["policies", "policy"] },
    { name: "-es", input: ["taxes", "tax"] },
    { name: "-ed/-ing", input: ["seceded", "seceding"] },
    { name: "possessive", input: ["state's", "state"] },
  ])("$name", ({ input }) => expect(stemWord(input[0])).toBe(stemWord(input[1])));
});
