import { describe, expect, test } from "vitest";
import { compareClaims, ftsQueryFor, matchNumbersOf, numbersIn, sameNumbers, significantWords } from "../../src/queue/match.js";

const side = (text: string, states: string[] | null = [], textHash: string | null = null) => ({ text, states, textHash });

describe("claim matching", () => {
  test("numbers are normalised", () => {
    expect(numbersIn("In 2022, New Jersey got back just $0.91 and 1,000 more, 0.910")).toEqual(["0.91", "1000", "2022"]);
  });

  test("numbers compared with their scale, unit and rank", () => {
    expect(matchNumbersOf("Texas received $2 billion in aid").map((n) => n.label)).toEqual(["$2 billion"]);
    expect(matchNumbersOf("Texas received $2 million in aid").map((n) => n.label)).toEqual(["$2 million"]);
    expect(matchNumbersOf("Sixty percent of Texans agree").map((n) => n.label)).toEqual(["60%"]);
    expect(matchNumbersOf("Texas is the fifth largest economy").map((n) => n.label)).toEqual(["rank 5"]);
    expect(matchNumbersOf("In the 20th century Texas got 50m").map((n) => n.label)).toEqual(["rank 20", "50"]);
    // A bare number agrees with a number of any unit ("received 0.91" states "$0.91").
    expect(sameNumbers(matchNumbersOf("got $0.91 in 2022"), matchNumbersOf("received 0.91 in 2022"))).toBe(true);
    expect(sameNumbers(matchNumbersOf("got $0.91"), matchNumbersOf("got 91 cents"))).toBe(true);
    expect(sameNumbers(matchNumbersOf("Sixty percent agree"), matchNumbersOf("Ten percent agree"))).toBe(false);
    expect(sameNumbers(matchNumbersOf("up 67 times"), matchNumbersOf("up 67 percent"))).toBe(false);
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
    // QA: spelled-out numbers, scale words and ranks were ignored, so these matched as "near-same".
    {
      name: "scale words disagree ($2 billion is not $2 million)",
      a: side("Texas received $2 billion in federal disaster aid last year.", ["TX"]),
      b: side("Texas received $2 million in federal disaster aid last year.", ["TX"]),
      kind: null,
    },
    {
      name: "spelled-out percentages disagree (Sixty percent is not Ten percent)",
      a: side("Sixty percent of Texans support leaving the union.", ["TX"]),
      b: side("Ten percent of Texans support leaving the union.", ["TX"]),
      kind: null,
    },
    {
      name: "ranks disagree (fifth largest is not fourth largest)",
      a: side("Texas is the fifth largest economy in the world.", ["TX"]),
      b: side("Texas is the fourth largest economy in the world.", ["TX"]),
      kind: null,
    },
    {
      name: "units disagree (60 percent is not $60)",
      a: side("Texas sent 60 percent of its revenue to Washington.", ["TX"]),
      b: side("Texas sent $60 of its revenue to Washington.", ["TX"]),
      kind: null,
    },
    {
      name: "ordinals disagree (third quarter is not fourth quarter)",
      a: side("Texas lost jobs in the third quarter of 2023.", ["TX"]),
      b: side("Texas lost jobs in the fourth quarter of 2023.", ["TX"]),
      kind: null,
    },
    {
      name: "the same number spelled out, in digits, with its scale word",
      a: side("Sixty percent of Texans support leaving the union.", ["TX"]),
      b: side("60% of Texans support leaving the union.", ["TX"]),
      kind: "near-same",
    },
    {
      name: "the same sum with its scale in words and in digits",
      a: side("Texas received $2 billion in federal disaster aid last year.", ["TX"]),
      b: side("Texas received two billion dollars in federal disaster aid last year.", ["TX"]),
      kind: "near-same",
    },
    {
      name: "the same rank as a word and as a digit ordinal",
      a: side("Texas is the fifth largest economy in the world.", ["TX"]),
      b: side("Texas is the 5th largest economy in the world.", ["TX"]),
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
