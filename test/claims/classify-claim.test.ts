import { describe, expect, test } from "vitest";
import { classifyClaim, detectCues } from "../../src/claims/classify-claim.js";
import { extractQuantities } from "../../src/claims/extract-quantities.js";
import { excludedBy } from "../../src/claims/index.js";

const types: { name: string; input: string; expected: string }[] = [
  { name: "quantity", input: "In 2022, New Jersey got back just $0.91 for every federal tax dollar.", expected: "quantity" },
  { name: "comparison (times the)", input: "California has 67 times the population of Wyoming.", expected: "comparison" },
  { name: "comparison (-er than)", input: "Taxes are higher than in Texas.", expected: "comparison" },
  {
    name: "comparison (more … than, words between)",
    input: "But to the caller's point, yes, California pays more into the federal government than our citizens get back in any kind of government benefits.",
    expected: "comparison",
  },
  { name: "comparison (-er noun than)", input: "Texas has lower property taxes than California does.", expected: "comparison" },
  { name: "'more than' a number is a quantity", input: "The association has been around for more than a hundred years.", expected: "quantity" },
  { name: "'rather than' is not a comparison", input: "They pay the state rather than the federal government.", expected: "other" },
  { name: "trend", input: "California's population is shrinking.", expected: "trend" },
  { name: "cause", input: "Businesses leave because the state is unaffordable.", expected: "cause" },
  { name: "law", input: "The U.S. Constitution provides no pathway for states to leave the Union.", expected: "law" },
  { name: "law (court ruled)", input: "The court ruled the tariffs invalid.", expected: "law" },
  { name: "attribution", input: "According to the IRS, California paid $83 billion.", expected: "attribution" },
  { name: "attribution (read-out message)", input: "Mimi writes, without immigration, the population is shrinking.", expected: "attribution" },
  { name: "prediction", input: "The deficit will reach $50 billion.", expected: "prediction" },
  { name: "prediction (going to)", input: "They're going to cut the funding.", expected: "prediction" },
  { name: "personal", input: "When I ran for office back in 2017, I went to all 58 counties.", expected: "personal" },
  { name: "personal (my family)", input: "My family lost its coverage.", expected: "personal" },
  { name: "other", input: "It's a passive-aggressive approach.", expected: "other" },
];

describe("classifyClaim", () => {
  test.each(types)("$name", ({ input, expected }) => expect(classifyClaim(input, extractQuantities(input))).toBe(expected));
});

const exclusions: { name: string; input: string; expected: string | null }[] = [
  { name: "question mark", input: "Who assumes the national debt?", expected: "question" },
  { name: "inverted auxiliary without '?'", input: "Are there democratic politicians saying this.", expected: "question" },
  { name: "what if", input: "But what if blue states didn’t need to secede at all", expected: "hypothetical" },
  { name: "could", input: "Blue states could start to scale back their participation in federal programs.", expected: "hypothetical" },
  { name: "imagine", input: "Imagine California with its own army.", expected: "hypothetical" },
  { name: "would", input: "The effect would be devastating for red states.", expected: "prediction" },
  { name: "opinion without a number", input: "So I think the blue states ought to be pursuing assistance to the red states.", expected: "opinion" },
  {
    name: "opinion marked by ', to me,'",
    input: "These efforts are, to me, a much more important way to mobilize than going down a rabbit hole of this idea of succession.",
    expected: "opinion",
  },
  { name: "'to me' as an object is no opinion", input: "The governor sent the bill to me in 2022.", expected: null },
  { name: "opinion with a number stays", input: "I think California is 15% of GDP.", expected: null },
  { name: "phone number", input: "The number is 8 6 6 7 3 3 6 7 8 6.", expected: "contact" },
  { name: "e-mail", input: "The email address is forum@example.org.", expected: "contact" },
  { name: "courtesy", input: "Thanks so much for having me, everyone.", expected: "courtesy" },
  { name: "read-out message with an embedded 'could' is not excluded", input: "Bradley writes in to say, could the governor direct taxpayers to remit federal taxes to a state escrow account.", expected: null },
  { name: "plain statement", input: "California alone is like 15% of America's GDP.", expected: null },
];

describe("excludedBy(detectCues(...))", () => {
  test.each(exclusions)("$name", ({ input, expected }) => expect(excludedBy(detectCues(input), extractQuantities(input).length > 0)).toBe(expected));

  test("'would say' is a hedge (opinion), not a prediction", () => {
    const cues = detectCues("What I would say is that Californians do not like what is happening.");
    expect(cues.prediction).toBe(false);
    expect(cues.opinion).toBe(true);
  });

  test("key words are whole words in any case; digits or '_' glued to them do not count", () => {
    expect(detectCues("WE COULDN'T SAY.").hypothetical).toBe(true);
    expect(detectCues("It’ll rain in Texas.").prediction).toBe(true);
    expect(detectCues("It'LL rain in Texas.").prediction).toBe(true);
    expect(detectCues("Perhaps.").opinion).toBe(true);
    expect(detectCues("The could_be variable and will2 and 2will.").hypothetical).toBe(false);
    expect(detectCues("The could_be variable and will2 and 2will.").prediction).toBe(false);
    expect(detectCues("Stay TUNED").courtesy).toBe(true);
    expect(detectCues("See www.example.org").contact).toBe(true);
    expect(detectCues("Call 555 123 4567").contact).toBe(true);
    expect(detectCues("Couldron wills").hypothetical || detectCues("Couldron wills").prediction).toBe(false);
  });

  test("read-out message names the listener", () => {
    expect(detectCues("Bradley, listener Bradley writes in to say, regarding funding").reportedName).toBe("Bradley");
    expect(detectCues("listener over on the Discord writes the question is").reportedName).toBe("listener");
  });
});
