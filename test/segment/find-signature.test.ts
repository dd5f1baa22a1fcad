import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { MappedText } from "../../src/core/mapped-text.js";
import type { Cue } from "../../src/core/types.js";
import { findSignature } from "../../src/segment/find-signature.js";
import { sourceFromText } from "../../src/core/source.js";
import { readTranscript } from "../../src/read/index.js";
import { cleanTranscript } from "../../src/clean/index.js";
import { segmentTurns } from "../../src/segment/index.js";

const cues = (...lines: string[]): Cue[] => lines.map((l) => ({ text: MappedText.inserted(l), startTime: null, endTime: null }));

describe("findSignature", () => {
  const cases = [
    { name: "em dash and a first name", lines: ["It is about power.", "—David", "PS: subscribe."], expected: { name: "David", cue: 1 } },
    { name: "en dash, space, full name", lines: ["Thanks for reading.", "– Ana Ruiz"], expected: { name: "Ana Ruiz", cue: 1 } },
    { name: "a dash in running text is no signature", lines: ["—and that is the point, said nobody."], expected: null },
    { name: "a hyphen list item is no signature", lines: ["- Welcome to the show"], expected: null },
  ];
  test.each(cases)("$name", ({ lines, expected }) => expect(findSignature(cues(...lines))).toEqual(expected));

  test("the sample essay is its signed author's", () => {
    const path = "transcripts/000_3a126643cd20d101.txt";
    const source = sourceFromText(path, readFileSync(path, "utf8"));
    const ctx = { source, report: () => {} };
    const turns = segmentTurns(cleanTranscript(readTranscript(ctx), ctx), ctx);
    expect(turns).toHaveLength(1);
    expect(turns[0].speaker).toBe("David");
    expect(turns[0].evidence[0]).toMatch(/signed the text/);
  });
});
