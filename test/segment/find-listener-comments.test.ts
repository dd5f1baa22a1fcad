import { describe, expect, test } from "vitest";
import { findListenerComments } from "../../src/segment/find-listener-comments.js";

describe("findListenerComments", () => {
  test.each([
    { name: "named writer", s: ["You know, David writes, this is great for me.", "I love the idea.", "Right, John?"], out: [["David", [0, 1]]] },
    { name: "ASR 'rights'", s: ["You know, Daniel Wrights speaking to the question here, most people are moderates.", "How does the panel get around this?"], out: [["Daniel", [0, 1]]] },
    { name: "unnamed listener, intro without words", s: ["One listener on blue sky rights.", "How do we push back?", "Mimi writes, get real, it is too expensive.", "Lots to think about."], out: [["listener", [1]], ["Mimi", [2]]] },
    { name: "one of our listeners asked", s: ["As Breno, one of our listeners asked, isn't the big problem funding?", "And of course, the state can't borrow."], out: [["Breno", [0]]] },
    { name: "not a listener", s: ["We fought for civil rights and voting rights.", "Trump says a lot of things."], out: [] },
  ])("$name", ({ s, out }) => expect(findListenerComments(s).map((c) => [c.claimant, c.sentences])).toEqual(out));
});
