import { describe, expect, test, beforeAll } from "vitest";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeMember, type CheckworthinessModelFile } from "../../src/claims/checkworthiness.js";
import { convMember, trainConv } from "../../scripts/lib/checkworthiness-conv.js";
import { cli, tempDir } from "../helpers/cli.js";

// A small conv model trained on a few of the sample's sentences: not a good ranker, but a model file
// other than the shipped one, with a conv member, whose scores are easy to tell apart (threshold 0.5).
function writeConvModel(file: string): void {
  const docs = [
    {
      sentences: ["Welcome back to Forum.", "California pays more into the federal government than it gets back.", "Thanks for having me.", "In 2022, Mississippi received $2.53 for every dollar it sent to Washington."],
      labels: [0, 1, 0, 1],
      posWeight: 1,
      negWeight: 1,
    },
  ];
  const m = trainConv(docs, { vocab: 40, dim: 8, filters: 16, widths: [2, 3], maxLen: 20, epochs: 2, eta: 0.05, etaEmb: 0.05, l2: 1e-6, negPerPos: 2, pointwise: 0.3, batch: 4, pointwiseNegFraction: 1, init: "random", context: true, seed: 3 });
  const model: CheckworthinessModelFile = {
    format: "claimcast-checkworthiness/2",
    version: "cw-test-conv",
    members: [encodeMember({ ...convMember(m), mean: 0, sd: 1, coef: 1 }, "conv")],
    calibration: { a: 1, b: 0 },
    threshold: 0.5,
  };
  writeFileSync(file, JSON.stringify(model));
}

describe("run --model", () => {
  let dir: string;
  let model: string;
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir, "in"));
    for (const f of ["000_3a126643cd20d101.txt", "002_1142964fd8d0627e.txt"]) copyFileSync(join("transcripts", f), join(dir, "in", f));
    model = join(dir, "conv-model.json");
    writeConvModel(model);
  });

  test("scores with the given model in the main thread and the worker (--jobs 2)", () => {
    const db = join(dir, "custom.db");
    const r = cli(["run", join(dir, "in"), "--db", db, "--model", model, "--jobs", "2", "--json", "--no-report"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").at(-1)).toContain('"ingested":2');
    const claims = JSON.parse(cli(["export", "claims", "--json", "--db", db]).stdout) as { episode: string; score: number }[];
    // Every claim is at or above this model's threshold (0.5), in both episodes; the shipped model's
    // threshold is 0.0756, so an episode scored by it would show claims below 0.5.
    expect(new Set(claims.map((c) => c.episode)).size).toBe(2);
    for (const c of claims) expect(c.score).toBeGreaterThanOrEqual(0.5);

    const shipped = join(dir, "shipped.db");
    expect(cli(["run", join(dir, "in"), "--db", shipped, "--quiet", "--no-report"]).status).toBe(0);
    const byShipped = JSON.parse(cli(["export", "claims", "--json", "--db", shipped]).stdout) as { score: number }[];
    expect(byShipped.some((c) => c.score < 0.5)).toBe(true);
  });

  test("a missing or broken model file stops the run before any work: one line, exit 2", () => {
    const db = join(dir, "none.db");
    for (const [file, why] of [
      [join(dir, "no-such-model.json"), /ENOENT/],
      [join(dir, "in", "000_3a126643cd20d101.txt"), /JSON/],
    ] as const) {
      const r = cli(["run", join(dir, "in"), "--db", db, "--model", file, "--quiet"]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`--model ${file}: `);
      expect(r.stderr).toMatch(why);
    }
    const eps = cli(["episodes", "--json", "--db", db]);
    expect(eps.status === 0 ? JSON.parse(eps.stdout) : []).toEqual([]);
    // score words it the same way.
    const sc = cli(["score", "--model", join(dir, "no-such-model.json")], { input: "ep1:1\tTaxes rose 12% in 2022.\n" });
    expect(sc.status).toBe(2);
    expect(sc.stderr.trim()).toMatch(/^claimcast: --model .*no-such-model\.json: ENOENT/);
  });

  test("score --model scores with the given file", () => {
    const r = cli(["score", "--model", model], { input: "ep1:1\tThanks for having me.\nep1:2\tIn 2022, Mississippi received $2.53 for every dollar.\n" });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("model cw-test-conv, threshold 0.5");
    expect(r.stdout.trim().split("\n").map((l) => l.split("\t")[0])).toEqual(["ep1:1", "ep1:2"]);
  });
});
