import { describe, expect, test } from "vitest";
import { readPodcastJson } from "../../src/read/podcast-json.js";
import { sourceFromText } from "../../src/core/source.js";
import { run, type CueRow } from "./read-helpers.js";

const J = (segments: string, extra = "") => `{"version": "1.0.0"${extra}, "segments": [${segments}]}`;

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "segments with speaker and times", input: J(`{"speaker": "Alice", "startTime": 0.5, "endTime": 1.5, "body": "Hi."}`), expected: [["Hi.", "Alice", 0.5, 1.5, false]] },
  { name: "numeric strings as times", input: J(`{"speaker": "A", "startTime": "1.25", "endTime": "2", "body": "x"}`), expected: [["x", "A", 1.25, 2, false]] },
  { name: "escapes decoded and mapped", input: J(`{"body": "a\\"b\\\\c\\/d\\u00e9\\n e"}`), expected: [['a"b\\c/dé e', null, null, null, false]] },
  { name: "escaped surrogate pair", input: J(`{"body": "wow \\ud83d\\ude00"}`), expected: [["wow 😀", null, null, null, false]] },
  { name: "raw emoji", input: J(`{"body": "wow 😀 ok"}`), expected: [["wow 😀 ok", null, null, null, false]] },
  { name: "empty bodies skipped", input: J(`{"body": "  "}, {"speaker": "B", "body": "y"}`), expected: [["y", "B", null, null, false]] },
  { name: "missing times are null", input: J(`{"speaker": "B", "body": "y"}`), expected: [["y", "B", null, null, false]] },
];

describe("readPodcastJson", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readPodcastJson, input, "a.json").rows).toEqual(expected);
  });

  test("a negative time is dropped and an end before the start kept, each with a warning naming the line", () => {
    const input = J(`\n{"speaker": "A", "startTime": 3, "endTime": -5, "body": "x"},\n{"speaker": "B", "startTime": 9, "endTime": 4, "body": "y"}`);
    const { rows, warnings } = run(readPodcastJson, input, "a.json");
    expect(rows).toEqual([["x", "A", 3, null, false], ["y", "B", 9, 4, false]]);
    expect(warnings).toEqual(["line 2: negative end time (-5s); the segment is kept without one", "line 3: segment ends (4s) before it starts (9s)"]);
  });

  test("offsets point into the body literal", () => {
    const input = `{"segments": [{"body": "caf\\u00e9 ok"}]}`;
    const { result } = run(readPodcastJson, input, "a.json");
    const t = result.cues[0].text;
    expect(Array.from(t.src)).toEqual([24, 25, 26, 27, 33, 34, 35]);
    expect(input.slice(27, 33)).toBe("\\u00e9");
  });

  test("meta from top-level fields", () => {
    const { result } = run(readPodcastJson, J(`{"body": "x"}`, `, "title": "Ep", "podcast": "Show", "pubDate": "2025-02-03", "speakers": ["Ana", {"name": "Bo"}]`), "a.json");
    expect(result.meta).toEqual({ names: ["Ana", "Bo"], title: "Ep", show: "Show", airDate: "2025-02-03" });
  });

  test.each([
    ["no segments", `{"version": "1.0.0"}`, "a.json:1: JSON transcript has no \"segments\" array (Podcasting 2.0 JSON expected)"],
    ["truncated after a member", `{"segments": [\n{"body": "x"},\n`, "a.json:2: truncated JSON: the file ends inside an array opened at line 1"],
    ["syntax error", `{"segments": [\n{"body": "x"} {"body": "y"}]}`, "a.json:2: invalid JSON: expected ',' or ']' but found '{\"body\":'"],
  ])("%s", (_name, input, message) => {
    expect(() => readPodcastJson({ source: sourceFromText("a.json", input), report: () => {} })).toThrowError(message);
  });
});
