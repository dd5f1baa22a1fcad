import { describe, expect, test } from "vitest";
import { createHash } from "node:crypto";
import { computeLineStarts, lineOf, lineOfFrom, sourceFromText } from "../../src/core/source.js";
import { sha1Hex } from "../../src/pipeline.js";
import { seededInt } from "../helpers/seeded-random.js";

describe("lineOfFrom (lineOf searched forward from a hint, as rows are built)", () => {
  // Texts of a seeded generator: line breaks of every kind (\n, \r\n, \r, runs of them), long and
  // empty lines, a text with no break and one of breaks only; offsets before, inside and past the
  // text; hints at, before and after the offset's line, and outside the lines altogether.
  const int = seededInt(11);
  const breaks = ["\n", "\r\n", "\r", "\n\n", "\r\r\n", "\r\n\r\n"];
  const randomText = () => {
    let t = "";
    const lines = int(40);
    for (let i = 0; i < lines; i++) t += "x".repeat(int(4) === 0 ? int(200) : int(6)) + breaks[int(breaks.length)];
    return int(3) === 0 ? t + "tail" : t;
  };
  const texts = [...Array.from({ length: 300 }, randomText), "", "no break at all", "\n", "\r\n\r\n", "\r\r\r", "a\nb\nc"];

  test("gives what lineOf gives, for every offset and hint", () => {
    let checked = 0;
    let forward = 0;
    const wrong: string[] = [];
    for (const text of texts) {
      const source = sourceFromText("t.txt", text);
      const lines = source.lineStarts.length;
      for (let offset = -2; offset <= text.length + 2; offset++) {
        const want = lineOf(source, offset);
        for (const hint of new Set([-1, 0, 1, 2, want - 3, want - 1, want, want + 1, want + 5, lines, lines + 1, 1 + int(lines + 2)])) {
          const got = lineOfFrom(source, hint, offset);
          checked++;
          if (hint >= 1 && hint <= want) forward++;
          if (got !== want) wrong.push(`${JSON.stringify(text.slice(0, 40))} offset ${offset} hint ${hint}: ${got}, not ${want}`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Most checks must take the forward search (a hint at or before the line), or they prove little.
    expect(forward).toBeGreaterThan(checked / 3);
    expect(checked).toBeGreaterThan(100_000);
  });

  test("a hand-built source with no line starts is all line 1, like lineOf", () => {
    const source = { lineStarts: new Uint32Array(0) };
    for (const [hint, offset] of [[1, 0], [0, 5], [3, 2], [1, -1]]) expect(lineOfFrom(source, hint, offset)).toBe(lineOf(source, offset));
  });

  test("walking a file's offsets in order, each from the last line found", () => {
    const text = "one\r\ntwo\n\nthree\rfour\n";
    const source = { lineStarts: computeLineStarts(text) };
    let line = 1;
    for (let offset = 0; offset <= text.length; offset++) {
      line = lineOfFrom(source, line, offset);
      expect(line).toBe(lineOf(source, offset));
    }
  });
});

describe("sha1Hex (the claim id's digest)", () => {
  test("is createHash's sha1 hex digest, non-ASCII and lone surrogates included", () => {
    const int = seededInt(3);
    const alphabet = ["a", "Z", "0", " ", "$", ".", "é", "ß", "漢", "😀", "\ud800", "\u0000", "\n"];
    const inputs = ["", "california got $0.99", ...Array.from({ length: 500 }, () => Array.from({ length: int(60) }, () => alphabet[int(alphabet.length)]).join(""))];
    for (const s of inputs) expect(sha1Hex(s), JSON.stringify(s)).toBe(createHash("sha1").update(s).digest("hex"));
  });
});
