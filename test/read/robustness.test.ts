import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { sourceFromText } from "../../src/core/source.js";
import { TranscriptError } from "../../src/core/diagnostic.js";
import { FORMAT_IDS, readTranscript } from "../../src/read/index.js";
import { checkCueSpans } from "../helpers/assert-cue-spans.js";
import { seededInt } from "../helpers/seeded-random.js";

const ROOT = "test/fixtures/formats";
const inputs = readdirSync(ROOT)
  .sort()
  .map((d) => {
    const f = readdirSync(join(ROOT, d)).find((x) => x.startsWith("input."))!;
    return readFileSync(join(ROOT, d, f), d.startsWith("utf16") ? "utf16le" : "utf8");
  });
/** Characters that trip lenient readers: markup, escapes, arrows, markers, line ends, a surrogate pair. */
const JUNK = ["<", ">", "&", "&amp", "\\", '"', "-->", ":", ">>", "\n", "\r", "\r\n", "<v ", "</v>", "{", "}", "[", "]", "00:01", "😀", "\u0000", "NOTE", "<p>", "</p>", "<cite>", "<time>"];

describe("readers on damaged input", () => {
  test("2,000 seeded mutations of the fixtures: only TranscriptErrors, and every cue maps back", () => {
    const rnd = seededInt(42);
    const problems: string[] = [];
    for (let it = 0; it < 2000; it++) {
      let t = inputs[rnd(inputs.length)];
      for (let j = 0, k = rnd(4); j <= k; j++) {
        const at = rnd(t.length + 1);
        const op = rnd(3);
        t = op === 0 ? t.slice(0, at) : op === 1 ? t.slice(0, at) + JUNK[rnd(JUNK.length)] + t.slice(at) : t.slice(0, at) + t.slice(at + rnd(20));
      }
      for (const format of [undefined, FORMAT_IDS[rnd(FORMAT_IDS.length)]]) {
        try {
          const r = readTranscript({ source: sourceFromText("m.txt", t), report: () => {} }, format);
          for (const p of checkCueSpans(t, r.cues)) problems.push(`${format ?? "detected"} ${JSON.stringify(t.slice(0, 60))}: ${p}`);
        } catch (e) {
          if (!(e instanceof TranscriptError)) problems.push(`${format ?? "detected"} ${JSON.stringify(t.slice(0, 60))}: ${(e as Error).stack}`);
          else if (e.message.includes("\n")) problems.push(`multi-line message: ${e.message}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
