import { describe, expect, test } from "vitest";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { BIN, cli, tempDir } from "../helpers/cli.js";
import { openDb } from "../../src/store/open.js";
import { collectFiles, runBatch } from "../../src/batch.js";
import { heuristicScore } from "../../src/claims/index.js";

const SAMPLE = "transcripts/002_1142964fd8d0627e.txt";
const ESSAY = "transcripts/000_3a126643cd20d101.txt";

/** A folder of `n` copies of the samples under distinct episode ids, each slightly different. */
function corpus(n: number): string {
  const dir = join(tempDir(), "in");
  mkdirSync(dir);
  const texts = [readFileSync(SAMPLE, "utf8"), readFileSync(ESSAY, "utf8")];
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `ep${String(i).padStart(3, "0")}.txt`), texts[i % 2] + `\nEpisode ${i}.\n`);
  return dir;
}

/** 12 MB of Podcasting 2.0 JSON: a worker capped at 24 MB of heap runs out of memory on it. */
function writeHugeTranscript(path: string): void {
  const segments = Array.from({ length: 80_000 }, (_, i) => ({ speaker: "A", startTime: i, endTime: i + 1, body: `California got $0.99 for every dollar it sent, report ${i}.` }));
  writeFileSync(path, JSON.stringify({ version: "1.0.0", segments }));
}

function stats(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0];
  const r = {
    integrity: one("PRAGMA integrity_check"),
    episodes: one("SELECT count(*) FROM episodes") as number,
    emptyEpisodes: one("SELECT count(*) FROM episodes e WHERE NOT EXISTS (SELECT 1 FROM turns t WHERE t.episode_id = e.id)") as number,
    claims: one("SELECT count(*) FROM claims WHERE from_teaser = 0") as number,
    queue: one("SELECT count(*) FROM queue_items") as number,
    creates: one("SELECT count(*) FROM audit_log WHERE action = 'create'") as number,
    claimsWithoutItem: one("SELECT count(*) FROM claims c WHERE from_teaser = 0 AND NOT EXISTS (SELECT 1 FROM queue_items q WHERE q.claim_id = c.id)") as number,
  };
  db.close();
  return r;
}

describe("batch runs", () => {
  test("an unchanged re-run parses nothing; a changed file is re-ingested", async () => {
    const dir = corpus(4);
    const db = openDb(":memory:");
    let scored = 0;
    const scorer = { name: "counting", threshold: 0.5, scoreDocument: (s: readonly string[]) => (scored++, heuristicScore(s)) };
    const { files } = collectFiles([dir]);
    const first = await runBatch(files, { db, jobs: 1, scorer });
    expect(first.map((r) => r.status)).toEqual(["ingested", "ingested", "ingested", "ingested"]);
    expect(scored).toBe(4);
    const again = await runBatch(files, { db, jobs: 1, scorer });
    expect(again.map((r) => r.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(scored).toBe(4);
    writeFileSync(files[1], readFileSync(files[1], "utf8") + "\nCalifornia has 39 million people.\n");
    const third = await runBatch(files, { db, jobs: 1, scorer });
    expect(third.map((r) => r.status)).toEqual(["unchanged", "ingested", "unchanged", "unchanged"]);
    expect(scored).toBe(5);
    const forced = await runBatch(files, { db, jobs: 1, scorer, force: true });
    expect(forced.every((r) => r.status === "ingested")).toBe(true);
  });

  test("worker threads give the same database as one thread", () => {
    const dir = corpus(6);
    const a = join(tempDir(), "a.db");
    const b = join(tempDir(), "b.db");
    expect(cli(["run", dir, "--db", a, "--jobs", "1", "--quiet", "--no-report"]).status).toBe(0);
    expect(cli(["run", dir, "--db", b, "--jobs", "2", "--quiet", "--no-report"]).status).toBe(0);
    const claimsA = JSON.parse(cli(["export", "claims", "--json", "--db", a]).stdout);
    const claimsB = JSON.parse(cli(["export", "claims", "--json", "--db", b]).stdout);
    expect(claimsB).toEqual(claimsA);
  });

  test("two overlapping runs on one database: no corruption, nothing ingested twice", async () => {
    const dir = corpus(24);
    const dbFile = join(tempDir(), "c.db");
    const runOnce = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [BIN, "run", dir, "--db", dbFile, "--json", "--jobs", "1", "--no-report"]);
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (err += d));
        p.on("close", (code) => resolve({ code, out, err }));
      });
    const [r1, r2] = await Promise.all([runOnce(), runOnce()]);
    expect([r1.code, r2.code, r1.err, r2.err]).toEqual([0, 0, "", ""]);
    const ingested = [r1, r2].flatMap((r) => r.out.trim().split("\n").map((l) => JSON.parse(l))).filter((l) => l.status === "ingested");
    // Every file was stored by exactly one of the two runs.
    expect(ingested.map((l) => l.episode).sort()).toEqual(Array.from({ length: 24 }, (_, i) => `ep${String(i).padStart(3, "0")}`));
    const s = stats(dbFile);
    expect(s).toMatchObject({ integrity: "ok", episodes: 24, emptyEpisodes: 0, claimsWithoutItem: 0 });
    expect(s.queue).toBe(s.claims);
    expect(s.creates).toBe(s.queue);
  });

  test("kill -9 mid-run leaves a consistent database; the next run finishes the work", async () => {
    const dir = corpus(40);
    const dbFile = join(tempDir(), "k.db");
    const p = spawn(process.execPath, [BIN, "run", dir, "--db", dbFile, "--jobs", "1", "--quiet", "--no-report"]);
    // Wait until some episodes are stored, then kill without warning.
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        try {
          const db = new Database(dbFile, { readonly: true, fileMustExist: true });
          const n = (db.prepare("SELECT count(*) AS n FROM episodes").get() as { n: number }).n;
          db.close();
          if (n >= 3) {
            clearInterval(poll);
            p.kill("SIGKILL");
            resolve();
          }
        } catch {
          /* not created yet */
        }
        if (Date.now() - t0 > 60_000) {
          clearInterval(poll);
          reject(new Error("run never stored 3 episodes"));
        }
      }, 20);
    });
    await new Promise((r) => p.on("close", r));
    const mid = stats(dbFile);
    expect(mid.integrity).toBe("ok");
    expect(mid.episodes).toBeGreaterThanOrEqual(3);
    expect(mid.episodes).toBeLessThan(40);
    expect(mid.emptyEpisodes).toBe(0);
    expect(mid.claimsWithoutItem).toBe(0);
    const status = cli(["status", "--db", dbFile]);
    expect(status.stdout).toMatch(/did not finish/);
    const rerun = cli(["run", dir, "--db", dbFile, "--json", "--no-report"]);
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ unchanged: mid.episodes, ingested: 40 - mid.episodes, failed: 0 });
    expect(stats(dbFile)).toMatchObject({ integrity: "ok", episodes: 40, emptyEpisodes: 0, claimsWithoutItem: 0 });
  });

  test("bad files (empty, binary, undecodable, truncated JSON) beside good ones: exit 1, every good file ingested, one line each", () => {
    const dir = corpus(3);
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x00, 0x01, 0xff, 0x10, 0x00]));
    writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6c, 0xe9, 0x0a, 0x61, 0x62]));
    writeFileSync(join(dir, "cut.json"), '{"version":"1.0.0","segments":[{"speaker":"A","startTime":0,"body":"Ohio got $1.10 for every');
    const dbFile = join(tempDir(), "bad.db");
    const r = cli(["run", dir, "--db", dbFile, "--json", "--no-report"]);
    expect(r.status).toBe(1);
    const errLines = r.stderr.trim().split("\n");
    expect(errLines).toHaveLength(4);
    for (const name of ["empty.txt", "binary.txt", "latin1.txt", "cut.json"]) expect(errLines.some((l) => l.includes(name))).toBe(true);
    expect(errLines.find((l) => l.includes("cut.json"))).toMatch(/cut\.json:1: truncated JSON/);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ ingested: 3, failed: 4 });
    expect(stats(dbFile)).toMatchObject({ integrity: "ok", episodes: 3 });
    const status = JSON.parse(cli(["status", "--json", "--db", dbFile]).stdout);
    expect(status[0]).toMatchObject({ ingested: 3, failed: 4 });
    expect(status[0].details).toHaveLength(4);
  });

  test("a worker that dies on a file fails that file only; the others are ingested", () => {
    const dir = corpus(3);
    writeHugeTranscript(join(dir, "huge.json"));
    const dbFile = join(tempDir(), "oom.db");
    const r = cli(["run", dir, "--db", dbFile, "--jobs", "2", "--quiet", "--no-report"], { env: { CLAIMCAST_WORKER_HEAP_MB: "24" } });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/huge\.json: worker crashed on this file \(.*memory/)]);
    expect(stats(dbFile)).toMatchObject({ integrity: "ok", episodes: 3 });
  });

  test("files queued behind the one that kills a worker go to its replacement", () => {
    const dir = corpus(4);
    // Sorted first, so the worker's queue holds it and the next file when it dies.
    writeHugeTranscript(join(dir, "0-huge.json"));
    const dbFile = join(tempDir(), "oom-first.db");
    const r = cli(["run", dir, "--db", dbFile, "--jobs", "2", "--json", "--no-report"], { env: { CLAIMCAST_WORKER_HEAP_MB: "24" } });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l)).filter((l) => l.path);
    expect(lines.filter((l) => l.status === "failed").map((l) => l.path)).toEqual([join(dir, "0-huge.json")]);
    expect(lines.filter((l) => l.status === "ingested")).toHaveLength(4);
    expect(stats(dbFile)).toMatchObject({ integrity: "ok", episodes: 4 });
  });
});

describe("batch runs: reports, moved files and names given twice", () => {
  test("a report that cannot be written fails that file only; the run finishes, and the next run writes the missing report", () => {
    const dir = corpus(2);
    const root = tempDir();
    const dbFile = join(root, "rep.db");
    const out = join(root, "out");
    mkdirSync(out);
    // A file where ep000's report folder would go.
    writeFileSync(join(out, "ep000"), "in the way\n");
    const r = cli(["run", dir, "--db", dbFile, "--out", out, "--json", "--jobs", "1"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([`${join(dir, "ep000.txt")}: cannot write report ${join(out, "ep000", "report.md")} (${join(out, "ep000")} is not a folder)`]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ summary: true, files: 2, ingested: 1, failed: 1 });
    expect(lines.filter((l) => l.status === "failed")).toEqual([expect.objectContaining({ path: join(dir, "ep000.txt"), error: expect.stringMatching(/cannot write report/) })]);
    expect(existsSync(join(out, "ep001", "report.md"))).toBe(true);
    const status = JSON.parse(cli(["status", "--json", "--db", dbFile]).stdout);
    expect(status[0]).toMatchObject({ ingested: 1, failed: 1 });
    expect(status[0].finished_at).not.toBe(null);

    rmSync(join(out, "ep000"));
    const again = cli(["run", dir, "--db", dbFile, "--out", out, "--json"]);
    expect([again.status, again.stderr]).toEqual([0, ""]);
    expect(JSON.parse(again.stdout.trim().split("\n").at(-1)!)).toMatchObject({ unchanged: 2, failed: 0 });
    expect(readFileSync(join(out, "ep000", "report.md"), "utf8")).toMatch(/^# /);
  });

  test("a different file with an episode id stored from a file still there is refused; once that file is gone it is taken as a move", () => {
    const root = tempDir();
    const a = join(root, "A");
    const b = join(root, "B");
    mkdirSync(a);
    mkdirSync(b);
    copyFileSync(ESSAY, join(a, "000_x.txt"));
    writeFileSync(join(a, "other.txt"), readFileSync(SAMPLE, "utf8"));
    writeFileSync(join(b, "000_x.vtt"), "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ann>California pays $1.20 for every dollar it gets back from Washington.\n");
    copyFileSync(SAMPLE, join(b, "001_y.txt"));
    const dbFile = join(root, "mv.db");
    const first = cli(["run", a, "--db", dbFile, "--quiet", "--no-report"]);
    expect([first.status, first.stderr]).toEqual([0, ""]);
    const episodes = () => JSON.parse(cli(["episodes", "--json", "--db", dbFile]).stdout) as { id: string; source: string; format: string }[];
    const before = episodes();

    const r = cli(["run", b, "--db", dbFile, "--no-report", "--quiet"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `${join(b, "000_x.vtt")}: episode id '000_x' is already taken by ${join(a, "000_x.txt")} (stored by an earlier run, and still there); ` +
        `rename one of them, or remove or move ${join(a, "000_x.txt")} and run again to store this file as its move`,
    ]);
    // The other file of B is still ingested; the stored episode is untouched.
    expect(episodes().map((e) => e.id)).toEqual(["000_x", "001_y", "other"]);
    expect(episodes().find((e) => e.id === "000_x")).toEqual(before.find((e) => e.id === "000_x"));

    // The same path again, also with --force, is fine.
    expect(cli(["run", a, "--db", dbFile, "--quiet", "--no-report", "--force"]).status).toBe(0);
    writeFileSync(join(a, "000_x.txt"), readFileSync(ESSAY, "utf8") + "\nTexas has 30 million people.\n");
    expect(cli(["run", a, "--db", dbFile, "--quiet", "--no-report"]).status).toBe(0);

    // The old file is moved away: the new one is taken as its move.
    renameSync(join(a, "000_x.txt"), join(root, "old.bak"));
    const moved = cli(["run", b, "--db", dbFile, "--no-report", "--json"]);
    expect([moved.status, moved.stderr]).toEqual([0, ""]);
    expect(episodes().find((e) => e.id === "000_x")).toMatchObject({ source: join(b, "000_x.vtt"), format: "webvtt" });
  });

  test("the same file named twice, spelled differently, is ingested once", () => {
    const root = tempDir();
    const tx = join(root, "tx2");
    mkdirSync(tx);
    copyFileSync(ESSAY, join(tx, "ep.txt"));
    const r = cli(["run", "tx2", "./tx2/ep.txt", join(tx, "ep.txt"), "--db", "d.db", "--json", "--no-report"], { cwd: root });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ path: join("tx2", "ep.txt"), status: "ingested" }), expect.objectContaining({ summary: true, files: 1, ingested: 1 })]);
    expect(collectFiles([tx, join(tx, ".", "ep.txt")]).files).toEqual([join(tx, "ep.txt")]);
  });
});
