import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { detectClaims, dropRepeatedTeaserClaims, heuristicScore } from "../../src/claims/index.js";
import { loadScorer } from "../../src/claims/scorer.js";
import { MappedText } from "../../src/core/mapped-text.js";
import type { Claim, Turn } from "../../src/core/types.js";
import { mergeFragments } from "../../src/claims/merge-fragments.js";
import { splitClauses } from "../../src/claims/split-clauses.js";
import { compilePlaceMatcher, findPlaces } from "../../src/claims/extract-states.js";
import { extractQuantities } from "../../src/claims/extract-quantities.js";
import { loadTaxonomy } from "../../src/claims/load-taxonomy.js";
import { constantScorer, turnsOf } from "./helpers.js";

interface ExpectedClaim {
  contains: string;
  states?: string[];
  quantities?: { kind: string; value: number }[];
  year?: number | null;
  topics?: string[];
  type?: string;
  claimant?: string;
}
interface Fixture {
  transcript: string;
  claims: ExpectedClaim[];
  notClaims: string[];
}

const fixtures = ["000_3a126643cd20d101", "002_1142964fd8d0627e"].map(
  (id) => JSON.parse(readFileSync(new URL(`../fixtures/claims/${id}.json`, import.meta.url), "utf8")) as Fixture,
);

/** Every scorer the expectations must hold with: the shipped one (model or heuristic), the heuristic, and the two extremes. */
async function scorers() {
  const shipped = await loadScorer();
  return [
    { name: `shipped (${shipped.name})`, scoreDocument: shipped.scoreDocument, threshold: shipped.threshold },
    { name: "heuristic", scoreDocument: heuristicScore, threshold: 0.5 },
    { name: "scores everything 0.01", scoreDocument: constantScorer(0.01), threshold: 0.5 },
    { name: "scores everything 0.99", scoreDocument: constantScorer(0.99), threshold: 0.5 },
  ];
}

const find = (claims: Claim[], contains: string) => claims.filter((c) => c.text.text.includes(contains));

describe.each(fixtures)("detectClaims on $transcript", (fx) => {
  const { turns, ctx } = turnsOf(fx.transcript);

  test("one score per sentence, in order, and claims are slices of their turn", async () => {
    for (const s of await scorers()) {
      const { claims, sentenceScores } = detectClaims(turns, ctx, s);
      expect(sentenceScores.length).toBe(turns.reduce((n, t) => n + t.sentences.length, 0));
      for (const c of claims) {
        const turn = turns.find((t) => t.index === c.turnIndex)!;
        expect(turn.text.text).toContain(c.text.text);
        expect(c.sentenceIndex).toBeLessThan(turn.sentences.length);
        expect(c.text.sourceSpan()).not.toBeNull();
      }
    }
  });

  test.each(fx.claims)("claim: $contains", async (exp) => {
    for (const s of await scorers()) {
      const { claims } = detectClaims(turns, ctx, s);
      const hits = find(claims, exp.contains);
      expect(hits.length, `${s.name}: exactly one claim contains ${JSON.stringify(exp.contains)}`).toBe(1);
      const c = hits[0];
      if (exp.states) expect(c.states, s.name).toEqual(exp.states);
      if (exp.quantities) for (const q of exp.quantities) expect(c.quantities, s.name).toContainEqual(expect.objectContaining(q));
      if (exp.year !== undefined) expect(c.year, s.name).toBe(exp.year);
      if (exp.topics) expect(c.topics.map((t) => t.id), s.name).toEqual(expect.arrayContaining(exp.topics));
      if (exp.type) expect(c.type, s.name).toBe(exp.type);
      if (exp.claimant) expect(c.claimant, s.name).toBe(exp.claimant);
      for (const t of c.topics) expect(t.terms.length).toBeGreaterThan(0);
    }
  });

  test.each(fx.notClaims)("not a claim: %s", async (text) => {
    for (const s of await scorers()) {
      const { claims } = detectClaims(turns, ctx, s);
      expect(find(claims, text).map((c) => c.text.text), s.name).toEqual([]);
    }
  });
});

describe("figure runs", () => {
  test("the six 2022 return-per-dollar figures, one claim per state", () => {
    const { turns, ctx } = turnsOf("transcripts/000_3a126643cd20d101.txt");
    const { claims } = detectClaims(turns, ctx, { scoreDocument: heuristicScore, threshold: 0.5 });
    const perDollar = claims.flatMap((c) => c.quantities.filter((q) => q.kind === "per-dollar").map((q) => [c.states.join(","), q.value, c.year]));
    expect(perDollar).toEqual([
      ["NJ", 0.91, 2022],
      ["NY", 0.93, 2022],
      ["CA", 0.99, 2022],
      ["MS", 2.53, 2022],
      ["WV", 2.36, 2022],
      ["AL", 2.02, 2022],
    ]);
  });
});

const turnOf = (text: string, parts: string[], isTeaser = false, index = 0): Turn => {
  const t = MappedText.fromSource(text, 0, text.length);
  let at = 0;
  const sentences = parts.map((p) => {
    const start = text.indexOf(p, at);
    at = start + p.length;
    return { text: t.slice(start, start + p.length), normal: p, startTime: null, endTime: null };
  });
  return { index, speaker: "A", role: "unknown", confidence: 0, evidence: [], isTeaser, text: t, sentences, startTime: null, endTime: null };
};

describe("mergeFragments", () => {
  test.each([
    { name: "decimal point", input: { text: "New York got $0.93. California got $0.99.", parts: ["New York got $0.", "93.", "California got $0.", "99."] }, expected: ["New York got $0.93.", "California got $0.99."] },
    { name: "initials and case names", input: { text: "The U.S. Constitution is old. Texas v. White settled it.", parts: ["The U.", "S.", "Constitution is old.", "Texas v.", "White settled it."] }, expected: ["The U.S. Constitution is old.", "Texas v. White settled it."] },
    { name: "e-mail address", input: { text: "Write to forum@example.org. Thanks.", parts: ["Write to forum@example.", "org.", "Thanks."] }, expected: ["Write to forum@example.org.", "Thanks."] },
    { name: "real sentence ends stay apart", input: { text: "It rose 5. Then it fell.", parts: ["It rose 5.", "Then it fell."] }, expected: ["It rose 5.", "Then it fell."] },
  ])("$name", ({ input, expected }) => {
    const units = mergeFragments(turnOf(input.text, input.parts));
    expect(units.map((u) => u.text.text)).toEqual(expected);
    expect(units.map((u) => u.normal)).toEqual(expected);
  });
});

describe("splitClauses", () => {
  const { states, groups } = loadTaxonomy();
  const m = compilePlaceMatcher(states, groups);
  test.each([
    { name: "state figure list", input: "Meanwhile, Mississippi received $2.53 for every dollar it sent, West Virginia $2.36, and Alabama $2.02.", expected: ["Meanwhile, Mississippi received $2.53 for every dollar it sent", "West Virginia $2.36", "Alabama $2.02"] },
    { name: "comparison of two states stays whole", input: "California has 67 times the population of Wyoming.", expected: ["California has 67 times the population of Wyoming."] },
    { name: "two states, one figure", input: "Texas and Florida got $2.", expected: ["Texas and Florida got $2."] },
  ])("$name", ({ input, expected }) => {
    const got = splitClauses(input, findPlaces(m, input), extractQuantities(input)).map((c) => input.slice(c.start, c.end));
    expect(got).toEqual(expected);
  });
});

describe("teaser", () => {
  test("a teaser claim said again in the programme is kept once, from the programme", () => {
    const said = "California alone is like 15% of America's GDP.";
    const teaser = turnOf(said, [said], true, 0);
    const body = turnOf(`Well. ${said}`, ["Well.", said], false, 1);
    const only = turnOf("New York got $0.93 back.", ["New York got $0.93 back."], true, 2);
    const { claims } = detectClaims([teaser, body, only], { source: { path: "x", text: "", sha256: "", lineIndex: [] } as never, report: () => {} }, { scoreDocument: heuristicScore, threshold: 0.5 });
    expect(claims.map((c) => [c.turnIndex, c.fromTeaser])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  test("a teaser claim whose programme version is not a claim is dropped too", () => {
    const mk = (text: string, fromTeaser: boolean) => ({ normal: text, fromTeaser }) as Claim;
    const teaser = "Americans have to assert their rights and stand up for what they want.";
    const out = dropRepeatedTeaserClaims([mk(teaser, true)], ["You know, Americans have to sort of assert their rights and stand up for what they want, which is, I think, rule of law."]);
    expect(out).toEqual([]);
  });

  test("on the call-in sample, no teaser claim repeats the programme (any scorer)", async () => {
    const { turns, ctx } = turnsOf("transcripts/002_1142964fd8d0627e.txt");
    const { claims } = detectClaims(turns, ctx, { scoreDocument: constantScorer(0.99), threshold: 0.5 });
    const body = turns.filter((t) => !t.isTeaser).map((t) => t.text.text).join(" ");
    for (const c of claims.filter((x) => x.fromTeaser)) expect(body).not.toContain(c.text.text);
  });

  test("near-identical wording counts as the same claim", () => {
    const mk = (text: string, fromTeaser: boolean) => ({ normal: text, fromTeaser }) as Claim;
    const out = dropRepeatedTeaserClaims([mk("We have seen the use of federal troops in cities that go against our rights and our tradition.", true), mk("We have seen the use of federal troops in cities that go against our rights and our traditions.", false)]);
    expect(out.map((c) => c.fromTeaser)).toEqual([false]);
  });
});
