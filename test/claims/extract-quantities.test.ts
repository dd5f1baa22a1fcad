import { describe, expect, test } from "vitest";
import { extractQuantities, mayHaveMetric, parseNumber } from "../../src/claims/extract-quantities.js";

const cases: { name: string; input: string; expected: { kind: string; value: number; unit: string; text: string }[] }[] = [
  { name: "per-dollar with year", input: "In 2022, New Jersey got back just $0.91 for every federal tax dollar it sent.", expected: [
    { kind: "year", value: 2022, unit: "year", text: "2022" },
    { kind: "per-dollar", value: 0.91, unit: "USD", text: "$0.91 for every federal tax dollar" },
  ] },
  { name: "per-dollar then bare sums", input: "Mississippi received $2.53 for every dollar it sent, West Virginia $2.36, and Alabama $2.02.", expected: [
    { kind: "per-dollar", value: 2.53, unit: "USD", text: "$2.53 for every dollar" },
    { kind: "money", value: 2.36, unit: "USD", text: "$2.36" },
    { kind: "money", value: 2.02, unit: "USD", text: "$2.02" },
  ] },
  { name: "money with scale words", input: "It costs $83 billion, or 2.5 trillion dollars, or $5m.", expected: [
    { kind: "money", value: 83e9, unit: "USD", text: "$83 billion" },
    { kind: "money", value: 2.5e12, unit: "USD", text: "2.5 trillion dollars" },
    { kind: "money", value: 5e6, unit: "USD", text: "$5m" },
  ] },
  { name: "cents on the dollar", input: "They get 91 cents on the dollar.", expected: [{ kind: "per-dollar", value: 0.91, unit: "USD", text: "91 cents on the dollar" }] },
  { name: "percentages", input: "California is like 15% of GDP and 60 percent say so, sixty percent.", expected: [
    { kind: "percent", value: 15, unit: "%", text: "15%" },
    { kind: "percent", value: 60, unit: "%", text: "60 percent" },
    { kind: "percent", value: 60, unit: "%", text: "sixty percent" },
  ] },
  { name: "ratio", input: "California has 67 times the population of Wyoming.", expected: [{ kind: "ratio", value: 67, unit: "x", text: "67 times" }] },
  { name: "fraction", input: "We get a third back.", expected: [{ kind: "ratio", value: 0.333333, unit: "x", text: "a third" }] },
  { name: "count with noun", input: "They sent 4,000 troops to 58 counties.", expected: [
    { kind: "count", value: 4000, unit: "troops", text: "4,000 troops" },
    { kind: "count", value: 58, unit: "counties", text: "58 counties" },
  ] },
  { name: "rank", input: "We are the fourth largest economy in the world.", expected: [{ kind: "rank", value: 4, unit: "rank", text: "fourth largest" }] },
  { name: "years", input: "Not a violent break of like 1861; the initiative in 2013.", expected: [
    { kind: "year", value: 1861, unit: "year", text: "1861" },
    { kind: "year", value: 2013, unit: "year", text: "2013" },
  ] },
  { name: "spelled-out", input: "About two thousand of them, more than a hundred years.", expected: [
    { kind: "number", value: 2000, unit: "", text: "two thousand" },
    { kind: "count", value: 100, unit: "years", text: "a hundred years" },
  ] },
  { name: "scale count", input: "A country of 10 million people.", expected: [{ kind: "count", value: 1e7, unit: "people", text: "10 million people" }] },
  { name: "phone number is not a quantity", input: "The number is 8 6 6 7 3 3 6 7 8 6.", expected: [] },
  { name: "dashed phone number", input: "Call 866-733-6786 or (415) 553-2129.", expected: [] },
  { name: "email is not a quantity", input: "The email address is forum2025@example.org.", expected: [] },
  { name: "duration and ordinal glued to letters", input: "50m 24s, the 20th time, COVID-19.", expected: [] },
  { name: "'one' alone is not a quantity", input: "One of the things, one thing.", expected: [] },
  { name: "date gives its year", input: "11/14/2025 | 50m", expected: [{ kind: "year", value: 2025, unit: "year", text: "11/14/2025" }] },
];

describe("extractQuantities", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(extractQuantities(input).map(({ start: _s, end: _e, ...q }) => q)).toEqual(expected);
  });

  test("offsets point at the text", () => {
    const s = "Alabama $2.02 and 15%";
    for (const q of extractQuantities(s)) expect(s.slice(q.start, q.end)).toBe(q.text);
  });
});

describe("mayHaveMetric", () => {
  const metric = new Set(["money", "per-dollar", "percent", "ratio", "rank"]);
  test("true wherever a metric quantity is found (a necessary condition)", () => {
    const inputs = [...cases.map((c) => c.input), "It grew by half.", "Twice as many", "TWO BUCKS", "Three bucK\u212As", "the wealthiest state", "a 5 per cent cut"];
    for (const input of inputs) if (extractQuantities(input).some((q) => metric.has(q.kind))) expect(mayHaveMetric(input), input).toBe(true);
  });
  test("false without a sign or key word", () => {
    expect(mayHaveMetric("They sent 4,000 troops to 58 counties.")).toBe(false);
    expect(mayHaveMetric("Thanks for having me.")).toBe(false);
  });
});

describe("parseNumber", () => {
  test.each([
    { name: "digits", input: "4,000", expected: 4000 },
    { name: "decimal scale", input: "2.5 trillion", expected: 2.5e12 },
    { name: "compound", input: "one hundred and twenty-five", expected: 125 },
    { name: "a hundred", input: "a hundred", expected: 100 },
    { name: "two million three hundred thousand", input: "two million three hundred thousand", expected: 2_300_000 },
    { name: "not a number", input: "many", expected: NaN },
  ])("$name", ({ input, expected }) => expect(parseNumber(input)).toBe(expected));
});
