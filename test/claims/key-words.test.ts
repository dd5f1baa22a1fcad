import { describe, expect, test } from "vitest";
import { KeyWordScanner } from "../../src/claims/key-words.js";

describe("KeyWordScanner", () => {
  const s = new KeyWordScanner({ 1: ["could", "might"], 2: ["will", "ll"], 4: ["is", "what"] }, { digit: 8, chars: { 64: 16, 0x2019: 32 }, firstWord: 4 });

  test("whole ASCII words in any case, as /\\b…\\b/i sees them", () => {
    expect(s.scan("It MIGHT rain")).toBe(1);
    expect(s.scan("it'll rain")).toBe(2);
    expect(s.scan("couldn't")).toBe(0);
    expect(s.scan("mightily will_ 2will will2")).toBe(8); // the digit bit only
    expect(s.scan("émight")).toBe(1);
  });

  test("digits, '@' and first-word bits", () => {
    expect(s.scan("call 5")).toBe(8);
    expect(s.scan("a@b")).toBe(16);
    expect(s.scan("it’ll")).toBe(2 | 32);
    expect(s.scan("Is it?")).toBe(4);
    expect(s.scan(" - What is it?")).toBe(4);
    expect(s.scan("So is it?")).toBe(0);
  });

  test("agrees with the regex it pre-checks", () => {
    const re = /\b(?:could|might)\b/i;
    for (const t of ["could", "Could've", "x could y", "couldn't", "mighty", "might_", "MIGHT.", "", "-might-"]) if (re.test(t)) expect(s.scan(t) & 1, t).toBe(1);
  });
});
