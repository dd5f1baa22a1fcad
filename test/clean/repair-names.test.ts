import { describe, expect, test } from "vitest";
import { nameSimilarity, repairNames } from "../../src/clean/repair-names.js";
import { readText } from "./helpers.js";

describe("repairNames", () => {
  test.each([
    ["El ny Kunaki", "Eleni Kounalakis", true],
    ["Elany Kunaki", "Eleni Kounalakis", true],
    ["Priya Ragoonathan", "Priya Raghunathan", true],
    ["Clara Jeffery", "John Michaels", false],
    ["Mina Kim", "Mimi Kay", false],
  ])("nameSimilarity(%j, %j) is high: %s", (a, b, high) => expect(nameSimilarity(a, b) >= 0.78).toBe(high));

  test("respells a misheard caller by the closing credits and keeps the heard form", () => {
    const text = [
      "- Actually the lieutenant governor El ny Kunaki is on the line right now.",
      "- Good morning.",
      ...Array.from({ length: 10 }, (_, i) => `- Filler line ${i} of the programme.`),
      "- And a special thank you to Lieutenant Governor Eleni Kounalakis for calling in.",
    ].join("\n");
    const { ctx, read } = readText(text);
    const meta = { names: [] as string[] };
    const repairs = repairNames(read.cues, meta, ctx);
    expect(repairs).toEqual([expect.objectContaining({ heard: "El ny Kunaki", name: "Eleni Kounalakis" })]);
    expect(meta.names).toContain("Eleni Kounalakis");
    expect(ctx.diagnostics.filter((d) => d.ruleId === "clean/repair-names")).toHaveLength(1);
  });

  test("a name on the page wins over the spoken spelling", () => {
    const { read } = readText("- We're talking with Priya Ragoonathan, a hydrologist.\n- Thanks.");
    const repairs = repairNames(read.cues, { names: ["Priya Raghunathan"] });
    expect(repairs[0]).toMatchObject({ heard: "Priya Ragoonathan", name: "Priya Raghunathan" });
  });
});
