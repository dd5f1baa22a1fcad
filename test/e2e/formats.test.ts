import { normaliseLabel } from "../../src/segment/apply-labels.js";
import { describe, expect, test } from "vitest";
import { copyFileSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "../helpers/cli.js";

/** Good inputs: one fixture per format (and quirk), copied under the fixture's name as episode id. */
const GOOD = [
  "name-colon-npr",
  "name-colon-timestamps",
  "webvtt-voices",
  "webvtt-rolling",
  "srt-basic",
  "podcast-json-basic",
  "podcast-html-basic",
  "whisper-json-openai",
  "whisper-json-cpp",
  "utf16le-bom-vtt",
  "emoji",
];

interface ExpectedCue {
  text: string;
  speaker: string | null;
  startTime: number | null;
  endTime: number | null;
}

interface Turn {
  speaker: string;
  start_offset: number;
  end_offset: number;
  start_time: number | null;
  end_time: number | null;
  text: string;
}

const fixtureInput = (dir: string) => join(dir, readdirSync(dir).find((f) => f.startsWith("input."))!);
const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Build the folder once: good files, bad files (the binary and the huge one generated here). */
function setup() {
  const dir = join(tempDir("claimcast-formats-"), "in");
  mkdirSync(dir);
  const expected = new Map<string, ExpectedCue[]>();
  for (const name of GOOD) {
    const src = fixtureInput(join("test/fixtures/formats", name));
    copyFileSync(src, join(dir, `${name}${src.slice(src.lastIndexOf("."))}`));
    expected.set(name, JSON.parse(readFileSync(join("test/fixtures/formats", name, "expected.json"), "utf8")).cues);
  }
  // A caption page without page chrome (the clean stage drops chrome such as a lone show name).
  writeFileSync(join(dir, "caption-page.txt"), "- Welcome back to the program.\n>> Thanks for having me.\nUnemployment fell to 4 percent.\n");
  expected.set("caption-page", [
    { text: "Welcome back to the program.", speaker: null, startTime: null, endTime: null },
    { text: "Thanks for having me.", speaker: null, startTime: null, endTime: null },
    { text: "Unemployment fell to 4 percent.", speaker: null, startTime: null, endTime: null },
  ]);
  copyFileSync("test/fixtures/bad/broken-vtt-timing/input.vtt", join(dir, "broken-vtt-timing.vtt"));
  expected.set("broken-vtt-timing", JSON.parse(readFileSync("test/fixtures/bad/broken-vtt-timing/expected.json", "utf8")).cues);
  const bad: Record<string, string> = {};
  const addBad = (file: string, reason: string) => (bad[file] = `${join(dir, file)}${reason}`);
  copyFileSync("test/fixtures/bad/empty/input.txt", join(dir, "empty.txt"));
  addBad("empty.txt", ": empty file");
  copyFileSync("test/fixtures/bad/truncated-json/input.json", join(dir, "truncated.json"));
  addBad("truncated.json", ":5: truncated JSON: the file ends inside a string opened at line 5 (in an object opened at line 5)");
  copyFileSync("test/fixtures/bad/undecodable-utf8/input.txt", join(dir, "latin1.txt"));
  addBad("latin1.txt", ":2: not valid UTF-8 (byte 0xe9 at offset 23); save it as UTF-8 or UTF-16 with BOM");
  writeFileSync(join(dir, "binary.srt"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x10]));
  addBad("binary.srt", ": binary file, not a transcript");
  writeFileSync(join(dir, "huge.txt"), Buffer.alloc(5 * 1024 * 1024, "word "));
  addBad("huge.txt", ":1: a single line of 5,242,880 characters (limit 1,000,000); not a line-based transcript");
  const db = join(tempDir("claimcast-formats-db-"), "formats.db");
  const run = cli(["run", dir, "--db", db, "--json", "--no-report"]);
  const turns = (episode: string): Turn[] => {
    const r = cli(["export", "turns", "--episode", episode, "--db", db, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  return { dir, db, run, expected, bad, turns };
}

describe("every format end to end", () => {
  const ctx = setup();
  const { run, expected, bad, turns } = ctx;

  test("exit 1; each bad file named in exactly one stderr line with its reason", () => {
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines.sort()).toEqual(Object.values(bad).sort());
    const rows = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.at(-1)).toMatchObject({ summary: true, ingested: expected.size, failed: Object.keys(bad).length });
    for (const row of rows.slice(0, -1)) {
      const isBad = Object.keys(bad).some((f) => row.path.endsWith(`/${f}`));
      expect(row.status, row.path).toBe(isBad ? "failed" : "ingested");
    }
  });

  test.each([...expected.keys()])("%s: every cue's words are in the turns, times from the first and last cue", (episode) => {
    const cues = expected.get(episode)!;
    const got = turns(episode);
    expect(got.length).toBeGreaterThan(0);
    const all = words(got.map((t) => t.text).join(" "));
    let k = 0;
    for (const w of words(cues.map((c) => c.text).join(" "))) {
      while (k < all.length && all[k] !== w) k++;
      expect(k, `word '${w}' of ${episode}`).toBeLessThan(all.length);
      k++;
    }
    expect(got[0].start_time).toBe(cues[0].startTime);
    expect(got.at(-1)!.end_time).toBe(cues.at(-1)!.endTime ?? got.at(-1)!.end_time);
    for (let i = 1; i < got.length; i++) expect(got[i].start_offset).toBeGreaterThanOrEqual(got[i - 1].end_offset);
  });

  // The readers give each cue the speaker its format names (`NAME:`, `<v>`, `<cite>`, JSON
  // `speaker`); the segment stage names turns with them, normalised for display
  // (`AUDIE CORNISH, HOST` → `Audie Cornish`, `SPEAKER_01` → `Speaker 1`).
  test("format-named speakers reach the exported turns", () => {
    for (const [episode, cues] of expected) {
      const named = [...new Set(cues.map((c) => c.speaker).filter((s): s is string => s !== null).map((s) => normaliseLabel(s).name))];
      if (named.length === 0) continue;
      const speakers = new Set(turns(episode).map((t) => t.speaker));
      for (const s of named) expect(speakers.has(s), `${episode}: ${s}`).toBe(true);
    }
  });
});
