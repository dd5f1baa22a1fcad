import { describe, expect, test } from "vitest";
import { MappedText, newSourceMap } from "../../src/core/mapped-text.js";

const SRC = "- Hello there.\r\nthe, the, the cat &amp; dog 🐕 ran.";

describe("MappedText", () => {
  test("fromSource maps each unit to its offset", () => {
    const t = MappedText.fromSource(SRC, 2, 7);
    expect(t.text).toBe("Hello");
    expect(Array.from(t.src)).toEqual([2, 3, 4, 5, 6]);
    expect(t.sourceSpan()).toEqual({ start: 2, end: 7 });
  });

  test("join inserts unmapped separators and keeps both sides' spans", () => {
    const a = MappedText.fromSource(SRC, 2, 14);
    const b = MappedText.fromSource(SRC, 16, 29);
    const j = MappedText.join([a, b], " ");
    expect(j.text).toBe("Hello there. the, the, the");
    expect(j.src[12]).toBe(-1);
    expect(j.sourceSpan()).toEqual({ start: 2, end: 29 });
    expect(j.sourceSpan(13, 16)).toEqual({ start: 16, end: 19 });
    // A range of only inserted characters has no source span.
    expect(j.sourceSpan(12, 13)).toBeNull();
  });

  const edits: { name: string; re: RegExp; fn: (m: RegExpExecArray) => string; text: string; probe: [string, number] }[] = [
    { name: "stutter removal", re: /\b(\w+), (?:\1, )+(?=\1\b)/g, fn: () => "", text: "the cat &amp; dog 🐕 ran.", probe: ["cat", 30] },
    { name: "entity decode", re: /&amp;/g, fn: () => "&", text: "the, the, the cat & dog 🐕 ran.", probe: ["&", 34] },
  ];
  test.each(edits)("replace: $name keeps source offsets of untouched text", ({ re, fn, text, probe }) => {
    const line = MappedText.fromSource(SRC, 16, SRC.length);
    const out = line.replace(re, fn);
    expect(out.text).toBe(text);
    const at = out.text.indexOf(probe[0]);
    expect(out.src[at]).toBe(probe[1]);
    expect(SRC.slice(out.src[at], out.src[at] + 1)).toBe(SRC[probe[1]]);
  });

  test("emoji offsets are UTF-16 code units", () => {
    const line = MappedText.fromSource(SRC, 16, SRC.length);
    const i = line.text.indexOf("🐕");
    expect(line.sourceSpan(i, i + 2)).toEqual({ start: 16 + i, end: 16 + i + 2 });
    expect(SRC.slice(16 + i, 16 + i + 2)).toBe("🐕");
  });

  test("trim and slice keep the map", () => {
    const t = MappedText.fromSource("  padded  ", 0, 10).trim();
    expect(t.text).toBe("padded");
    expect(t.sourceSpan()).toEqual({ start: 2, end: 8 });
  });

  test("fromSource maps far offsets too (past the shared identity map)", () => {
    const big = "x".repeat((1 << 22) + 10);
    const t = MappedText.fromSource(big, (1 << 22) - 2, (1 << 22) + 3);
    expect(Array.from(t.src)).toEqual([0, 1, 2, 3, 4].map((k) => (1 << 22) - 2 + k));
    expect(Array.from(MappedText.fromSource(big, 5, 8).src)).toEqual([5, 6, 7]);
    expect(() => MappedText.fromSource("abc", 2, 1)).toThrow(RangeError);
  });

  test("join fills separators with -1 and copies each part's map", () => {
    const j = MappedText.join([MappedText.fromSource(SRC, 2, 7), MappedText.inserted("!"), MappedText.fromSource(SRC, 8, 13)], " - ");
    expect(j.text).toBe("Hello - ! - there");
    expect(Array.from(j.src.subarray(0, 9))).toEqual([2, 3, 4, 5, 6, -1, -1, -1, -1]);
    expect(j.sourceSpan(12, 17)).toEqual({ start: 8, end: 13 });
  });
});

describe("newSourceMap", () => {
  test("gives zero-filled maps that do not overlap", () => {
    const maps = [3, 40, 100, 5000, 20_000, 70_000].map((n) => newSourceMap(n));
    maps.forEach((m, i) => {
      expect(m.length).toBe([3, 40, 100, 5000, 20_000, 70_000][i]);
      expect(m.every((x) => x === 0)).toBe(true);
      m.fill(i + 1);
    });
    maps.forEach((m, i) => expect(m.every((x) => x === i + 1)).toBe(true));
  });
});
