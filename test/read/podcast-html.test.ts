import { describe, expect, test } from "vitest";
import { readPodcastHtml } from "../../src/read/podcast-html.js";
import { run, type CueRow } from "./read-helpers.js";

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "cite, time, p", input: "<cite>Kevin:</cite>\n<time>0:00:01</time>\n<p>Hello.</p>", expected: [["Hello.", "Kevin", 1, null, false]] },
  { name: "speaker carries over paragraphs", input: "<cite>A:</cite><p>One.</p><p>Two.</p>", expected: [["One.", "A", null, null, false], ["Two.", "A", null, null, false]] },
  { name: "inline tags removed, br is a space", input: "<p>a <b>b</b><br/>c</p>", expected: [["a b c", null, null, null, false]] },
  { name: "entities decoded", input: "<p>Tom &amp; Jerry&#8217;s</p>", expected: [["Tom & Jerry’s", null, null, null, false]] },
  { name: "cite and time inside the paragraph", input: "<p><cite>Ana:</cite> <time>00:05</time> Hi there.</p>", expected: [["Hi there.", "Ana", 5, null, false]] },
  { name: "script and style ignored", input: "<style>p{}</style><script>var a='<p>x</p>';</script><p>Real.</p>", expected: [["Real.", null, null, null, false]] },
  { name: "time from the datetime attribute", input: `<time datetime="00:01:00">one minute</time><p>x</p>`, expected: [["x", null, 60, null, false]] },
];

describe("readPodcastHtml", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readPodcastHtml, input, "a.html").rows).toEqual(expected);
  });

  test("title and meta tags", () => {
    const { result } = run(readPodcastHtml, `<head><title>Ep &amp; 2</title><meta property="article:published_time" content="2025-04-05T10:00:00Z"></head><p>x</p>`, "a.html");
    expect(result.meta).toEqual({ names: [], title: "Ep & 2", airDate: "2025-04-05" });
  });
});
