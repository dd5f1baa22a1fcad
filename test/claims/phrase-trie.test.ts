import { describe, expect, test } from "vitest";
import { PhraseTrie } from "../../src/claims/phrase-trie.js";
import { tokenizeWords } from "../../src/claims/tokenize-words.js";

/** A trie of phrase → label, and the labels with their token ranges found by each walk. */
function trieOf(phrases: [string, string, boolean?][]): PhraseTrie<string> {
  const t = new PhraseTrie<string>();
  for (const [phrase, label, cs] of phrases) {
    const node = t.add(phrase, cs);
    if (node) node.value = label;
  }
  return t;
}
const longest = (t: PhraseTrie<string>, text: string) => {
  const tokens = tokenizeWords(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = t.longestAt(tokens, i);
    if (hit) out.push(`${hit.value}@${i}-${hit.end}`);
  }
  return out;
};
const every = (t: PhraseTrie<string>, text: string) => {
  const out: string[] = [];
  t.eachMatch(tokenizeWords(text), { hit: (v, start, end) => out.push(`${v}@${start}-${end}`) });
  return out;
};

describe("PhraseTrie", () => {
  const t = trieOf([
    ["Virginia", "VA"],
    ["West Virginia", "WV"],
    ["New Yorkers", "NY"],
    ["U.S.", "US", true],
    ["US", "US", true],
    ["salt", "salt"],
    ["salt tax deduction", "salt-deduction"],
  ]);

  test("phrases match by stem, case-insensitively", () => {
    expect(longest(t, "a new yorker and VIRGINIA")).toEqual(["NY@1-3", "VA@4-5"]);
  });

  test("case-sensitive phrases match only as written", () => {
    expect(longest(t, "tell us about the US and the U.S.")).toEqual(["US@4-5", "US@7-9"]);
  });

  test("longestAt takes the longest phrase from each start", () => {
    expect(longest(t, "West Virginia and the salt tax deduction")).toEqual(["WV@0-2", "VA@1-2", "salt-deduction@4-7"]);
    expect(longest(t, "salt tax")).toEqual(["salt@0-1"]);
  });

  test("eachMatch lists every phrase, shorter first", () => {
    expect(every(t, "the salt tax deduction")).toEqual(["salt@1-2", "salt-deduction@1-4"]);
    expect(every(t, "West Virginia, not Virginia")).toEqual(["WV@0-2", "VA@1-2", "VA@3-4"]);
  });

  test("a word with a stem child and a spelling child: longestAt takes the stem, eachMatch both", () => {
    const u = trieOf([
      ["us citizens", "lower"],
      ["US Steel", "upper", true],
    ]);
    expect(longest(u, "US citizens")).toEqual(["lower@0-2"]);
    expect(longest(u, "US Steel")).toEqual([]);
    expect(every(u, "US Steel")).toEqual(["upper@0-2"]);
    expect(every(u, "US citizens")).toEqual(["lower@0-2"]);
  });

  test("a phrase without words adds nothing; adding again returns the same node", () => {
    const u = new PhraseTrie<number[]>();
    expect(u.add("  -- ")).toBeUndefined();
    const a = u.add("red states");
    expect(u.add("Red State")).toBe(a);
    expect(u.root.value).toBeUndefined();
  });
});
