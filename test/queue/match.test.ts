import { describe, expect, test } from "vitest";
import { compareClaims, ftsQueryFor, numbersIn, significantWords } from "../../src/queue/match.js";

const side = (text: string, states: string[] | null = [], textHash: string | null = null) => ({ text, states, textHash });

describe("claim matching", () => {
  test("numbers are normalised", () => {
    expect(numbersIn("In 2022, New Jersey got back just $0.91 and 1,000 more, 0.910")).toEqual(["0.91", "1000", "2022"]);
  });

  test("significant words drop function words", () => {
    expect(significantWords("The state got back $0.91 for every dollar it sent")).toEqual(["state", "got", "back", "every", "dollar", "sent"]);
    expect(ftsQueryFor("California got $0.99 in 2022")).toMatch(/"california" OR .*"2022"/);
    expect(ftsQueryFor("a b")).toBe("");
  });

  const cases: { name: string; a: ReturnType<typeof side>; b: ReturnType<typeof side>; kind: string | null }[] = [
    { name: "same hash", a: side("x", [], "h1"), b: side("y", [], "h1"), kind: "same-text" },
    {
      name: "near-same wording",
      a: side("New Jersey got back just $0.91 for every federal tax dollar in 2022.", ["NJ"]),
      b: side("In 2022 New Jersey got back only $0.91 for every federal tax dollar.", ["NJ"]),
      kind: "near-same",
    },
    {
      name: "other wording, same numbers",
      a: side("New Jersey got back just $0.91 for every federal tax dollar in 2022.", ["NJ"]),
      b: side("For each dollar sent to Washington in 2022, the Garden State received 0.91 in return.", ["NJ"]),
      kind: "same-numbers",
    },
    {
      name: "numbers disagree",
      a: side("New Jersey got back just $0.91 for every federal tax dollar in 2022.", ["NJ"]),
      b: side("New Jersey got back just $0.82 for every federal tax dollar in 2022.", ["NJ"]),
      kind: null,
    },
    {
      name: "states disagree",
      a: side("The state got back $0.91 for every federal tax dollar in 2022.", ["NJ"]),
      b: side("The state got back $0.91 for every federal tax dollar in 2022.", ["NY"]),
      kind: null,
    },
    {
      name: "states unknown on one side (orphaned item) still match",
      a: side("The state got back $0.91 for every federal tax dollar in 2022.", ["NJ"]),
      b: side("The state got back $0.91 for every federal tax dollar in 2022!", null),
      kind: "near-same",
    },
    { name: "only a year in common", a: side("Taxes rose sharply in 2023 across the country."), b: side("Rents fell sharply in 2023 in the city."), kind: null },
    { name: "unrelated", a: side("Taxes rose in 2023."), b: side("Rents fell sharply in 2023."), kind: null },
  ];
  for (const c of cases)
    test(c.name, () => {
      expect(compareClaims(c.a, c.b)?.kind ?? null).toBe(c.kind);
    });
});
