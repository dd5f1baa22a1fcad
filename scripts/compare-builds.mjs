// Behaviour guard for refactoring and performance work: runs two builds of the pipeline (the `dist/`
// of an older checkout and this one) over the same inputs, plus seeded mutations of them, and lists
// every record that differs. A speed-up must print "0 differ".
//
//   git worktree add /tmp/old <rev> && (cd /tmp/old && npm ci && npm run build)
//   node scripts/compare-builds.mjs /tmp/old/dist dist [FILE|DIR ...]
//
// Inputs default to transcripts/ and test/fixtures/. Each text input is also run in 6 mutated forms
// (accented and non-Latin letters, emoji, curly quotes, upper-cased lines, stutters, missing turn
// dashes, CRLF), each JSON input in 3 (escapes and non-ASCII inside string values). Both builds score
// with this checkout's model file, so only code differences show. Records are compared as JSON, with
// sentence columns turned back into rows so that builds before and after that change compare.
import { readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, extname, basename } from "node:path";
import { pathToFileURL } from "node:url";

const [oldDist, newDist, ...paths] = process.argv.slice(2);
if (!oldDist || !newDist) {
  process.stderr.write("usage: node scripts/compare-builds.mjs OLD_DIST NEW_DIST [FILE|DIR ...]\n");
  process.exit(2);
}
const MODEL = resolve("data/model/checkworthiness.json");
const FISCAL = resolve("data/fiscal");

async function build(dist) {
  const at = (p) => import(pathToFileURL(resolve(dist, p)).href);
  // Not batch.js: the harness's file list comes from the new build alone (an old batch.js may
  // import a dependency that is no longer installed).
  const [{ openDb }, { ensureDataset, loadDataset }, { decodeSource }, { processSource }, { loadScorer }] = await Promise.all(
    ["store/open.js", "store/dataset.js", "core/source.js", "pipeline.js", "claims/scorer.js"].map(at),
  );
  const db = openDb(":memory:");
  ensureDataset(db, FISCAL);
  const opts = { scorer: await loadScorer(MODEL), dataset: loadDataset(db) };
  return {
    run(path) {
      try {
        return JSON.stringify(asRows(processSource(decodeSource(path, readFileSync(path)), opts).record));
      } catch (err) {
        return `ERROR ${err?.message ?? err}`;
      }
    },
  };
}

/** Sentence columns (current record shape) as the row objects older builds return. */
function asRows(record) {
  const S = record.sentences;
  if (Array.isArray(S)) return record;
  const time = (x) => (Number.isNaN(x) ? null : x);
  const sentences = Array.from({ length: S.count }, (_, i) => ({
    start_offset: S.start_offset[i], end_offset: S.end_offset[i], start_line: S.start_line[i], end_line: S.end_line[i],
    start_time: time(S.start_time[i]), end_time: time(S.end_time[i]), idx: i, turn_idx: S.turn_idx[i],
    text: S.text[i], normal: S.normal[i] ?? S.text[i], claimant: S.claimant[i], score: S.score[i],
  }));
  return { ...record, sentences };
}

/** Seeded mutations of input number `n`, written to `dir`. */
function mutate(path, n, dir) {
  let seed = [...basename(path)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  // Math.imul: a float product past 2^53 loses its low bits and the sequence cycles early.
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const text = readFileSync(path, "utf8");
  const ext = extname(path);
  const out = [];
  const write = (k, body) => {
    const p = join(dir, `${n}-${basename(path, ext)}.m${k}${ext}`);
    writeFileSync(p, body);
    out.push(p);
  };
  if (ext === ".json") {
    const escapes = ["\\u00e9", "\\u2019", '\\"', "\\n", "\\u00a0", "\\ud83d\\ude00", "é", "😀", "\\\\", "\\t"];
    for (let k = 0; k < 3; k++) write(k, text.replace(/ ([a-z]{3,})/g, (m, w) => (rnd() < 0.03 ? ` ${w}${pick(escapes)}` : m)));
    return out;
  }
  const letters = ["é", "ñ", "ü", "ø", "ł", "ß", "İ", "ı", "Ж", "ω", "😀", "’", "“", "”", "—", "\u00a0", "Ⅻ", "ﬁ", "𝒜"];
  for (let k = 0; k < 6; k++) {
    const lines = text.split("\n").map((l) => {
      const r = rnd();
      if (r < 0.08) return l.replace(/[a-z]/g, (c) => (rnd() < 0.05 ? pick(letters) : c));
      if (r < 0.12) return l.toUpperCase();
      if (r < 0.16) return l.replace(/\b(\w+) /, "$1, $1, $1 ");
      if (r < 0.19 && l.startsWith("- ")) return l.slice(2);
      if (r < 0.22) return l.replace(/'/g, "’").replace(/"/g, "“");
      if (r < 0.24) return `${l} ${pick(letters)}${pick(letters)}`;
      return l;
    });
    write(k, lines.join(rnd() < 0.3 ? "\r\n" : "\n"));
  }
  return out;
}

const [before, after] = [await build(oldDist), await build(newDist)];
const { collectFiles } = await import(pathToFileURL(resolve(newDist, "batch.js")).href);
const { files } = collectFiles(paths.length ? paths : ["transcripts", "test/fixtures"]);
const inputs = files.filter((f) => !/expected|key/i.test(basename(f)));
const scratch = join(tmpdir(), `claimcast-compare-${process.pid}`);
mkdirSync(scratch, { recursive: true });
const all = [...inputs, ...inputs.flatMap((f, n) => mutate(f, n, scratch))];
let differ = 0;
for (const f of all) {
  const a = before.run(f);
  const b = after.run(f);
  if (a === b) continue;
  differ++;
  let i = 0;
  while (a[i] === b[i]) i++;
  console.log(`DIFF ${f} at character ${i}:\n  old: ${a.slice(Math.max(0, i - 80), i + 120)}\n  new: ${b.slice(Math.max(0, i - 80), i + 120)}`);
}
rmSync(scratch, { recursive: true, force: true });
console.log(`${all.length} inputs (${inputs.length} files and their mutations), ${differ} differ`);
process.exit(differ ? 1 : 0);
