import { describe, expect, test } from "vitest";
import { CsvSyntaxError, parseCsv } from "../../src/link/parse-csv.js";

const cases: { name: string; input: string; out: { line: number; fields: string[] }[] }[] = [
  { name: "plain rows", input: "a,b\n1,2\n", out: [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["1", "2"] }] },
  { name: "no final newline", input: "a,b\n1,2", out: [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["1", "2"] }] },
  { name: "CRLF", input: "a,b\r\n1,2\r\n", out: [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["1", "2"] }] },
  { name: "empty fields", input: "a,,c\n,,\n", out: [{ line: 1, fields: ["a", "", "c"] }, { line: 2, fields: ["", "", ""] }] },
  { name: "quoted comma", input: 'x,"a, b",y\n', out: [{ line: 1, fields: ["x", "a, b", "y"] }] },
  { name: "doubled quotes", input: '"say ""hi""",2\n', out: [{ line: 1, fields: ['say "hi"', "2"] }] },
  { name: "newline inside quotes keeps the record's start line", input: 'a,b\n"line one\nline two",2\nc,3\n', out: [{ line: 1, fields: ["a", "b"] }, { line: 2, fields: ["line one\nline two", "2"] }, { line: 4, fields: ["c", "3"] }] },
  { name: "quoted empty field at end", input: 'a,""\n', out: [{ line: 1, fields: ["a", ""] }] },
  { name: "blank lines skipped, line numbers kept", input: "a\n\nb\n", out: [{ line: 1, fields: ["a"] }, { line: 3, fields: ["b"] }] },
  { name: "BOM dropped", input: "\ufeffa,b\n", out: [{ line: 1, fields: ["a", "b"] }] },
];

describe("parseCsv", () => {
  for (const c of cases) test(c.name, () => expect(parseCsv(c.input)).toEqual(c.out));

  test.each([
    ['a,"never closed\n1,2\n', 1],
    ['a,"x"y\n', 1],
    ['a\n"ok"\n"x" y\n', 3],
  ])("syntax error %j at line %i", (input, line) => {
    expect(() => parseCsv(input)).toThrow(CsvSyntaxError);
    try {
      parseCsv(input);
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(line);
    }
  });
});
