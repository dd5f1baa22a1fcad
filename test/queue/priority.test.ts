import { describe, expect, test } from "vitest";
import { computePriority, explainPriority, type PriorityInput } from "../../src/queue/priority.js";
import { parseTopicWeights } from "../../src/queue/topic-weights.js";

const NOW = new Date("2026-11-10T12:00:00Z");
const base: PriorityInput = { score: 0.8, topics: [], links: 0, timesSaid: 1, airDate: null, now: NOW };

describe("computePriority", () => {
  const cases: { name: string; input: Partial<PriorityInput>; expected: number }[] = [
    { name: "score only, air date unknown", input: {}, expected: 60 },
    { name: "highest topic weight counts", input: { topics: [{ id: "a", weight: 0.5 }, { id: "b", weight: 2 }] }, expected: 120 },
    { name: "dataset can check it", input: { links: 2 }, expected: 90 },
    { name: "said four times", input: { timesSaid: 4 }, expected: 120 },
    { name: "aired today", input: { airDate: "2026-11-10" }, expected: 80 },
    { name: "aired a week ago", input: { airDate: "2026-11-03" }, expected: 60 },
    { name: "aired long ago", input: { airDate: "2020-01-01" }, expected: 40 },
    { name: "future air date counts as today", input: { airDate: "2026-12-01" }, expected: 80 },
    { name: "garbage in, bounded out", input: { score: Number.NaN, topics: [{ id: "x", weight: Number.NaN }], timesSaid: 0 }, expected: 0 },
  ];
  for (const c of cases)
    test(c.name, () => {
      expect(computePriority({ ...base, ...c.input }).priority).toBeCloseTo(c.expected, 0);
    });

  test("the parts multiply to the priority and explain it", () => {
    const p = computePriority({ ...base, topics: [{ id: "taxes", weight: 1.5 }], links: 1, timesSaid: 2, episodes: 2, airDate: "2026-11-09" });
    const product = p.parts.reduce((a, x) => a * x.factor, 1);
    expect(p.priority).toBeCloseTo(product, 1);
    expect(p.parts.map((x) => x.name)).toEqual(["base", "check-worthiness", "topic", "checkable", "repeated", "recency"]);
    const text = explainPriority(p);
    expect(text).toMatch(/^[\d.]+ = 100 × 0.8 \(check-worthiness/);
    expect(text).toMatch(/taxes \(weight 1.5\)/);
    expect(text).toMatch(/said 2 times in 2 episodes/);
    expect(text).toMatch(/aired 2026-11-09, 1 day ago/);
  });
});

describe("parseTopicWeights", () => {
  test.each([
    [[{ id: "taxes", weight: 2, label: "Taxes" }, { id: "x" }], { taxes: 2 }],
    [{ topics: [{ id: "taxes", weight: "1.5" }] }, { taxes: 1.5 }],
    [{ taxes: { weight: 3 }, jobs: 0.5, bad: -1 }, { taxes: 3, jobs: 0.5 }],
    [null, {}],
    ["nonsense", {}],
  ])("%j", (input, expected) => {
    expect(Object.fromEntries(parseTopicWeights(input))).toEqual(expected);
  });
});
