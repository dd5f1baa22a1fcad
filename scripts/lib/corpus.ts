// Seeded generator of a synthetic transcript corpus for benchmarks: N episodes in the supported
// formats, built from the sample episode's sentences with varied names, numbers and states.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Maya", "Daniel", "Priya", "Tom", "Rosa", "Kwame", "Lena", "Omar", "Grace", "Hiro", "Ines", "Marcus", "Zoe", "Ravi", "Ana", "Felix"];
const LAST = ["Okafor", "Lindqvist", "Reyes", "Hartmann", "Nakamura", "Baptiste", "Cohen", "Delgado", "Fitzgerald", "Mbeki", "Novak", "Sato", "Quinn", "Ahmed"];
const STATES = ["California", "Texas", "New York", "Florida", "Ohio", "Mississippi", "Wyoming", "New Jersey", "Alabama", "West Virginia", "Oregon", "Georgia", "Illinois", "Kentucky", "Maryland"];
const PLACES = ["Sacramento", "Oakland", "Fresno", "San Jose", "Berkeley", "Stockton", "Modesto", "Eureka"];
const SAMPLE_NAMES = /\b(Alexis Madrigal|Alexis|Madrigal|Clara Jeffery|Clara|Jeffery|John Michaels|John|Michaels|Eleni Kounalakis|Kounalakis|Pam|George)\b/g;
const STATE_RE = new RegExp(`\\b(${STATES.join("|")})\\b`, "g");
export const FORMATS = ["caption-page", "name-colon", "webvtt", "srt", "podcast-json", "whisper-json"] as const;
export type CorpusFormat = (typeof FORMATS)[number];
const EXT: Record<CorpusFormat, string> = {
  "caption-page": "txt",
  "name-colon": "txt",
  webvtt: "vtt",
  srt: "srt",
  "podcast-json": "json",
  "whisper-json": "json",
};

/** Speech turns of the sample episode: lines between the first and the last `- ` marker. */
function sampleTurns(samplePath: string): string[][] {
  const lines = readFileSync(samplePath, "utf8").split(/\r?\n/);
  const first = lines.findIndex((l) => /^- /.test(l));
  let last = lines.length - 1;
  while (last > 0 && !/^- /.test(lines[last])) last--;
  const turns: string[][] = [];
  for (const l of lines.slice(first, last + 3)) {
    if (!l.trim()) continue;
    if (/^- /.test(l) || turns.length === 0) turns.push([l.replace(/^- /, "")]);
    else turns[turns.length - 1].push(l);
  }
  return turns.filter((t) => t.join(" ").length > 0);
}

const ts = (s: number, sep = ".") => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  const ms = Math.round((s % 1) * 1000);
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}${sep}${String(ms).padStart(3, "0")}`;
};

interface Line {
  speaker: string;
  text: string;
  start: number;
  end: number;
  turnStart: boolean;
}

function render(format: CorpusFormat, title: string, lines: Line[]): string {
  switch (format) {
    case "caption-page":
      return [
        "Morning Desk",
        title,
        "Video has Closed Captions",
        "Share | Watch later | Sign in",
        ...lines.map((l) => (l.turnStart ? "- " : "") + l.text),
        "",
        "Support for this program provided by listeners like you.",
        "About | Contact | Privacy",
      ].join("\n");
    case "name-colon": {
      const out: string[] = [];
      for (const l of lines) {
        if (l.turnStart) out.push("", `${l.speaker.toUpperCase()}: ${l.text}`);
        else out[out.length - 1] += " " + l.text;
      }
      return out.join("\n").trim() + "\n";
    }
    case "webvtt":
      return (
        "WEBVTT\nKind: captions\nLanguage: en\n\n" +
        lines.map((l, i) => `${i + 1}\n${ts(l.start)} --> ${ts(l.end)}\n<v ${l.speaker}>${l.text.replace(/&/g, "&amp;")}`).join("\n\n") +
        "\n"
      );
    case "srt":
      return lines.map((l, i) => `${i + 1}\n${ts(l.start, ",")} --> ${ts(l.end, ",")}\n${l.turnStart ? l.speaker + ": " : ""}${l.text}`).join("\n\n") + "\n";
    case "podcast-json":
      return JSON.stringify({ version: "1.0.0", segments: lines.map((l) => ({ speaker: l.speaker, startTime: l.start, endTime: l.end, body: l.text })) }, null, 1);
    case "whisper-json":
      return JSON.stringify({ text: lines.map((l) => l.text).join(" "), segments: lines.map((l, i) => ({ id: i, start: l.start, end: l.end, text: " " + l.text, speaker: l.speaker })) }, null, 1);
  }
}

/**
 * Write `n` episodes into `dir` (formats in rotation unless one is given); returns the paths.
 * The same seed always gives the same corpus.
 */
export function makeCorpus(dir: string, n: number, opts: { seed?: number; samplePath?: string; format?: CorpusFormat } = {}): string[] {
  const rand = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const turns = sampleTurns(opts.samplePath ?? "transcripts/002_1142964fd8d0627e.txt");
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let e = 0; e < n; e++) {
    const format = opts.format ?? FORMATS[e % FORMATS.length];
    const cast = Array.from({ length: 5 }, () => `${pick(FIRST)} ${pick(LAST)}`);
    const nameMap = new Map<string, string>();
    const nameFor = (heard: string) => {
      if (!nameMap.has(heard)) nameMap.set(heard, cast[nameMap.size % cast.length].split(" ")[heard.includes(" ") ? 0 : Math.floor(rand() * 2)]);
      return nameMap.get(heard)!;
    };
    const start = Math.floor(rand() * turns.length);
    const count = 60 + Math.floor(rand() * 60);
    const lines: Line[] = [];
    let t = 0;
    for (let k = 0; k < count; k++) {
      const turn = turns[(start + k) % turns.length];
      const speaker = cast[k % 2 === 0 ? 0 : 1 + (k % 3)];
      turn.forEach((raw, i) => {
        const text = raw
          .replace(SAMPLE_NAMES, (m) => nameFor(m))
          .replace(STATE_RE, () => pick(STATES))
          .replace(/\bin (San Francisco|Sacramento)\b/g, () => `in ${pick(PLACES)}`)
          .replace(/\b\d+(?:\.\d+)?\b/g, (m) => (m.length === 4 ? String(1990 + Math.floor(rand() * 35)) : (Number(m) * (0.5 + rand())).toFixed(m.includes(".") ? 2 : 0)));
        const dur = 1.5 + text.length / 18;
        lines.push({ speaker, text, start: t, end: t + dur, turnStart: i === 0 });
        t += dur;
      });
    }
    const title = `Episode ${e + 1}: ${pick(STATES)} and the federal budget`;
    const p = join(dir, `ep${String(e).padStart(5, "0")}-${format}.${EXT[format]}`);
    writeFileSync(p, render(format, title, lines));
    paths.push(p);
  }
  return paths;
}
