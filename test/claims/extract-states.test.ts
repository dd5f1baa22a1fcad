import { describe, expect, test } from "vitest";
import { compilePlaceMatcher, extractStates } from "../../src/claims/extract-states.js";
import { loadTaxonomy } from "../../src/claims/load-taxonomy.js";

const { states, groups } = loadTaxonomy();
const m = compilePlaceMatcher(states, groups);

const cases: { name: string; input: string; expected: string[] }[] = [
  { name: "names, longest first", input: "Mississippi received $2.53, West Virginia $2.36, and Alabama $2.02.", expected: ["MS", "WV", "AL"] },
  { name: "Virginia alone", input: "Virginia and New Mexico voted.", expected: ["VA", "NM"] },
  { name: "demonyms", input: "Californians, Texans and New Yorkers disagree.", expected: ["CA", "TX", "NY"] },
  { name: "nation", input: "It is 15% of America's GDP; the United States is not Hungary; any US official.", expected: ["US"] },
  { name: "lower-case us is a pronoun", input: "Tell us what that is.", expected: [] },
  { name: "DC", input: "free from the tyranny of Washington DC and the federal government", expected: ["DC"] },
  { name: "Washington as the federal government", input: "for every federal tax dollar it sent to Washington", expected: [] },
  { name: "Washington in a list of states", input: "Can we join with Canada, along with Oregon and Washington?", expected: ["OR", "WA"] },
  { name: "Washington state", input: "Washington state passed it.", expected: ["WA"] },
  { name: "unambiguous USPS code", input: "make this happen for CA.", expected: ["CA"] },
  { name: "ambiguous code as a word", input: "We are IN this together, OR not. OK?", expected: [] },
  { name: "ambiguous code after a city", input: "Portland, OR, and Boise, ID.", expected: ["OR", "ID"] },
  { name: "lower-case 'in' and 'or' never count", input: "in or out, me ok", expected: [] },
  { name: "groups", input: "blue states pay the bills, and the red states cash the checks", expected: ["group:blue-states", "group:red-states"] },
  { name: "donor and taker", input: "blue states have been net donors while red states are net takers", expected: ["group:blue-states", "group:donor-states", "group:red-states", "group:taker-states"] },
  { name: "hyphenated group", input: "blue-state resistance", expected: ["group:blue-states"] },
  { name: "court case party is not a place", input: "the Supreme Court case Texas v. White in 1869", expected: [] },
  { name: "shouting skips codes", input: "WE ARE IN CA NOW AND THEN SOME", expected: [] },
];

describe("extractStates", () => {
  test.each(cases)("$name", ({ input, expected }) => expect(extractStates(m, input)).toEqual(expected));
});

describe("state data", () => {
  test("50 states and DC, unique codes; groups cite a basis", () => {
    const codes = states.states.map((s) => s.code);
    expect(new Set(codes).size).toBe(51);
    const red = groups.groups.find((g) => g.id === "group:red-states")!;
    const blue = groups.groups.find((g) => g.id === "group:blue-states")!;
    expect(red.members!.length + blue.members!.length).toBe(51);
    expect(red.members!.filter((c) => blue.members!.includes(c))).toEqual([]);
    expect(red.basis).toMatch(/2024/);
  });
});
