import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeSource } from "../../src/core/source.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { Cue } from "../../src/core/types.js";
import { readTranscript } from "../../src/read/index.js";
import { assertCueSpans } from "../helpers/assert-cue-spans.js";

/** A cue as written by hand in `expected.json`. */
interface ExpectedCue {
  text: string;
  speaker: string | null;
  startTime: number | null;
  endTime: number | null;
  turnStart?: boolean;
  /** Source span [start, end) of the cue's text, in UTF-16 code units. */
  span?: [number, number];
}

const FORMATS = "test/fixtures/formats";
const BAD = "test/fixtures/bad";

function inputOf(dir: string): string {
  const name = readdirSync(dir).find((f) => f.startsWith("input."));
  if (!name) throw new Error(`${dir}: no input.* file`);
  return join(dir, name);
}

function read(path: string) {
  const source = decodeSource(path, readFileSync(path));
  const warnings: Diagnostic[] = [];
  const result = readTranscript({ source, report: (d) => warnings.push(d) });
  return { source, result, warnings };
}

function shape(cue: Cue, withTurn: boolean, withSpan: boolean): ExpectedCue {
  const out: ExpectedCue = { text: cue.text.text, speaker: cue.speaker ?? null, startTime: cue.startTime, endTime: cue.endTime };
  if (withTurn) out.turnStart = cue.turnStart ?? false;
  if (withSpan) {
    const s = cue.text.sourceSpan();
    out.span = s ? [s.start, s.end] : undefined;
  }
  return out;
}

describe("format fixtures", () => {
  for (const name of readdirSync(FORMATS).sort()) {
    test(name, () => {
      const dir = join(FORMATS, name);
      const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
      const { source, result } = read(inputOf(dir));
      expect(result.format).toBe(expected.format);
      if (expected.encoding) expect(source.encoding).toBe(expected.encoding);
      if (expected.meta) expect(result.meta).toEqual(expected.meta);
      const got = result.cues.map((c, k) => shape(c, expected.cues[k]?.turnStart !== undefined, expected.cues[k]?.span !== undefined));
      expect(got).toEqual(expected.cues);
      assertCueSpans(source.text, result.cues);
    });
  }
});

describe("bad inputs", () => {
  for (const name of readdirSync(BAD).sort()) {
    test(name, () => {
      const dir = join(BAD, name);
      const path = inputOf(dir);
      const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
      if (expected.message) {
        expect(() => read(path)).toThrowError(expected.message.replace("{path}", path));
        let message = "";
        try {
          read(path);
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toBe(expected.message.replace("{path}", path));
        expect(message).not.toContain("\n");
      } else {
        const { source, result, warnings } = read(path);
        expect(warnings.map((w) => w.message)).toEqual(expected.warnings);
        expect(warnings.every((w) => w.severity === "warning")).toBe(true);
        expect(result.cues.map((c) => shape(c, false, false))).toEqual(expected.cues);
        assertCueSpans(source.text, result.cues);
      }
    });
  }
});
