import { describe, expect, test } from "vitest";
import { computeLineStarts, decodeSource, lineOf } from "../../src/core/source.js";
import { TranscriptError } from "../../src/core/diagnostic.js";
import { seededInt } from "../helpers/seeded-random.js";

const utf16le = (s: string) => Buffer.from(s, "utf16le");
const utf16be = (s: string) => {
  const b = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return b;
};

const good: { name: string; input: Uint8Array; expected: { text: string; encoding: string } }[] = [
  { name: "UTF-8", input: Buffer.from("héllo\n"), expected: { text: "héllo\n", encoding: "utf-8" } },
  { name: "UTF-8 with BOM (stripped)", input: Buffer.from("\uFEFFhi\r\n"), expected: { text: "hi\r\n", encoding: "utf-8" } },
  { name: "UTF-16 LE with BOM", input: Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le("hé 😀\r\n")]), expected: { text: "hé 😀\r\n", encoding: "utf-16le" } },
  { name: "UTF-16 BE with BOM", input: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be("hé 😀\n")]), expected: { text: "hé 😀\n", encoding: "utf-16be" } },
  { name: "UTF-16 LE without BOM", input: utf16le("WEBVTT\n\nplain ascii text here\n"), expected: { text: "WEBVTT\n\nplain ascii text here\n", encoding: "utf-16le" } },
  { name: "CR line ends kept", input: Buffer.from("a\rb\r"), expected: { text: "a\rb\r", encoding: "utf-8" } },
];

/** Message of the TranscriptError that decoding throws. */
function failure(path: string, bytes: Uint8Array): string {
  try {
    decodeSource(path, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(TranscriptError);
    return (e as Error).message;
  }
  return "(no error)";
}

describe("decodeSource", () => {
  test.each(good)("$name", ({ input, expected }) => {
    const s = decodeSource("a.txt", input);
    expect({ text: s.text, encoding: s.encoding }).toEqual(expected);
  });

  test("line index counts \\r\\n, \\n and \\r as one break each", () => {
    const s = decodeSource("a.txt", Buffer.from("a\r\nb\nc\rd"));
    expect(Array.from(s.lineStarts)).toEqual([0, 3, 5, 7]);
    expect(lineOf(s, 7)).toBe(4);
  });

  const bad: { name: string; input: () => Uint8Array; expected: string }[] = [
    { name: "empty", input: () => new Uint8Array(0), expected: "bad.txt: empty file" },
    { name: "only whitespace", input: () => Buffer.from(" \n\t\r\n"), expected: "bad.txt: empty file (only whitespace)" },
    {
      name: "binary (generated)",
      input: () => {
        const byte = seededInt(7);
        return Uint8Array.from({ length: 4096 }, () => byte(256));
      },
      expected: "bad.txt: binary file, not a transcript",
    },
    { name: "PNG header", input: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), expected: "bad.txt: binary file, not a transcript" },
    { name: "Latin-1 byte on line 3", input: () => Buffer.from([0x61, 0x0a, 0x62, 0x0d, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]), expected: "bad.txt:3: not valid UTF-8 (byte 0xe9 at offset 8); save it as UTF-8 or UTF-16 with BOM" },
    { name: "truncated multi-byte sequence at the end", input: () => Buffer.from([0x68, 0x69, 0x20, 0xe2, 0x82]), expected: "bad.txt:1: not valid UTF-8 (byte 0xe2 at offset 3); save it as UTF-8 or UTF-16 with BOM" },
    { name: "overlong encoding", input: () => Buffer.from([0x61, 0xc0, 0xaf]), expected: "bad.txt:1: not valid UTF-8 (byte 0xc0 at offset 1); save it as UTF-8 or UTF-16 with BOM" },
    { name: "odd-length UTF-16", input: () => Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x62]), expected: "bad.txt: truncated UTF-16 (odd number of bytes: 5)" },
  ];
  test.each(bad)("bad input: $name", ({ input, expected }) => {
    const message = failure("bad.txt", input());
    expect(message).toBe(expected);
    expect(message).not.toContain("\n");
  });

  test("a 5 MB file without line breaks decodes in linear time (the read stage judges it)", () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024, "word ");
    const t0 = performance.now();
    const s = decodeSource("huge.txt", bytes);
    expect(s.lineStarts.length).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test("a bad byte deep in a 5 MB file is found quickly", () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024, "abc\n");
    bytes[bytes.length - 2] = 0xff;
    const t0 = performance.now();
    expect(failure("big.txt", bytes)).toMatch(/^big\.txt:1310720: not valid UTF-8 \(byte 0xff at offset 5242878\)/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("computeLineStarts", () => {
  test("counts \\n, \\r\\n and \\r as one break each", () => {
    expect(Array.from(computeLineStarts("a\nb\n"))).toEqual([0, 2, 4]);
    expect(Array.from(computeLineStarts("a\r\nb\rc\n\r\nd"))).toEqual([0, 3, 5, 7, 9]);
    expect(Array.from(computeLineStarts("\r\r\n"))).toEqual([0, 1, 3]);
    expect(Array.from(computeLineStarts("no break"))).toEqual([0]);
    expect(Array.from(computeLineStarts(""))).toEqual([0]);
  });
});
