/**
 * `tsx scripts/bench-score.ts [--model FILE] [--seconds N]`: scoring speed of the check-worthiness
 * model on one core. Scores the dev-sized synthetic documents repeatedly through `scoreDocument`
 * and prints `score_sentences_per_s`.
 */
import { loadModel } from "../src/claims/checkworthiness.js";

const argv = process.argv.slice(2);
const opt = (n: string): string | undefined => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : undefined);
const seconds = Number(opt("--seconds") ?? 3);

const t0 = performance.now();
const model = loadModel(opt("--model"));
const loadMs = performance.now() - t0;

// Radio-talk-like sentences of mixed length, made into 200-sentence documents.
const pool = [
  "Thanks so much for having me, Alexis.",
  "In 2022, Mississippi received $2.53 for every dollar it sent to Washington.",
  "What do you think?",
  "Well, I think that's exactly right, and I've said it before on this show.",
  "Unemployment in the state fell to 3.1 percent last year, the lowest rate since 1976.",
  "We're going to take a quick break and we'll be right back with more of your calls.",
  "The governor signed a bill that cut the income tax by four percent over ten years, and the legislature passed it with 80 votes.",
  "Yeah.",
  "Our next caller is Jim from Jackson, go ahead Jim, you're on the air.",
  "Medicaid expansion would cover about 200,000 more people, according to the state's own estimate.",
];
const docs: string[][] = [];
for (let d = 0; d < 50; d++) docs.push(Array.from({ length: 200 }, (_, i) => pool[(i * 7 + d * 3) % pool.length] + (i % 3 === 0 ? "" : ` (${d}-${i})`)));

let sink = 0;
for (const d of docs.slice(0, 10)) sink += model.scoreDocument(d)[0];
let n = 0;
const start = performance.now();
let elapsed = 0;
while (elapsed < seconds * 1000) {
  for (const d of docs) {
    sink += model.scoreDocument(d)[5];
    n += d.length;
  }
  elapsed = performance.now() - start;
}
const avgChars = pool.reduce((s, x) => s + x.length, 0) / pool.length;
console.log(`model_load_ms ${loadMs.toFixed(1)}`);
console.log(`avg_sentence_chars ${avgChars.toFixed(0)}`);
console.log(`score_sentences_per_s ${Math.round((n / elapsed) * 1000)}`);
if (Number.isNaN(sink)) console.log("nan");
