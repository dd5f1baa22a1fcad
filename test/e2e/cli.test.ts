import { describe, expect, test, beforeAll } from "vitest";
import { copyFileSync, existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir } from "../helpers/cli.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));

describe("claimcast CLI contract", () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = tempDir();
    db = join(dir, "out", "claimcast.db");
    mkdirSync(join(dir, "in"));
    for (const f of ["000_3a126643cd20d101.txt", "002_1142964fd8d0627e.txt"]) copyFileSync(join("transcripts", f), join(dir, "in", f));
  });

  test("the bin is the one package.json declares", () => {
    expect(pkg.bin.claimcast).toBe("bin/claimcast.js");
  });

  test("run ingests a folder, writes reports, and a re-run changes nothing", () => {
    const r = cli(["run", join(dir, "in"), "--db", db, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.status === "ingested")).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ summary: true, ingested: 2, failed: 0 });
    const report = readFileSync(join(dir, "out", "002_1142964fd8d0627e", "report.md"), "utf8");
    expect(report).toMatch(/## Top claims/);
    expect(report).toMatch(/line \d+/);

    const before = JSON.parse(cli(["episodes", "--json", "--db", db]).stdout);
    const claimsBefore = JSON.parse(cli(["export", "claims", "--json", "--db", db]).stdout);
    const again = cli(["run", join(dir, "in"), "--db", db, "--json"]);
    expect(again.status).toBe(0);
    expect(again.stdout.trim().split("\n").at(-1)).toContain('"unchanged":2');
    const forced = cli(["run", join(dir, "in"), "--db", db, "--force", "--quiet"]);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toBe("");
    expect(JSON.parse(cli(["episodes", "--json", "--db", db]).stdout)).toEqual(before);
    expect(JSON.parse(cli(["export", "claims", "--json", "--db", db]).stdout)).toEqual(claimsBefore);
  });

  test("episodes and exports have the contract's fields", () => {
    const eps = JSON.parse(cli(["episodes", "--json", "--db", db]).stdout);
    expect(eps.map((e: { id: string }) => e.id)).toEqual(["000_3a126643cd20d101", "002_1142964fd8d0627e"]);
    for (const e of eps) expect(e).toMatchObject({ id: expect.any(String), source: expect.any(String), format: expect.any(String), turns: expect.any(Number), claims: expect.any(Number) });
    const turns = JSON.parse(cli(["export", "turns", "--episode", "002_1142964fd8d0627e", "--json", "--db", db]).stdout);
    expect(turns.length).toBeGreaterThan(10);
    const src = readFileSync(join(dir, "in", "002_1142964fd8d0627e.txt"), "utf8");
    for (const t of turns) {
      expect(["host", "guest", "caller", "listener", "unknown"]).toContain(t.role);
      // The offsets point at the turn's first words in the original file.
      const firstWord = t.text.split(/\s+/)[0].replace(/[^\w']/g, "");
      expect(src.slice(t.start_offset, t.end_offset)).toContain(firstWord);
    }
    const claims = JSON.parse(cli(["export", "claims", "--json", "--db", db]).stdout);
    expect(claims.length).toBe(eps.reduce((a: number, e: { claims: number }) => a + e.claims, 0));
    for (const c of claims) {
      expect(c.episode).toMatch(/^00[02]_/);
      expect(Array.isArray(c.topics) && Array.isArray(c.quantities) && Array.isArray(c.states) && Array.isArray(c.links)).toBe(true);
      expect(c.status).toBe("open");
    }
  });

  test("a bad file beside a good one: one line naming it, exit 1, the good one ingested", () => {
    const mixed = join(dir, "mixed");
    mkdirSync(mixed);
    writeFileSync(join(mixed, "empty.txt"), "");
    writeFileSync(join(mixed, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    copyFileSync(join("transcripts", "000_3a126643cd20d101.txt"), join(mixed, "good.txt"));
    const mdb = join(dir, "mixed.db");
    const r = cli(["run", mixed, "--db", mdb, "--quiet"]);
    expect(r.status).toBe(1);
    const errs = r.stderr.trim().split("\n");
    expect(errs).toHaveLength(2);
    expect(errs.find((l) => l.includes("empty.txt"))).toMatch(/empty\.txt.*empty/);
    expect(errs.find((l) => l.includes("binary.txt"))).toMatch(/binary\.txt.*binary/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const eps = JSON.parse(cli(["episodes", "--json", "--db", mdb]).stdout);
    expect(eps.map((e: { id: string }) => e.id)).toEqual(["good"]);
  });

  test("usage errors exit 2; every command's --help has an example", () => {
    expect(cli(["bogus"]).status).toBe(2);
    expect(cli(["run", "--format", "nope", "--db", join(dir, "x.db")]).status).toBe(2);
    const missing = cli(["export", "turns", "--episode", "nope", "--db", db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no episode 'nope'/);
    for (const limit of ["1.5", "abc", "0"]) {
      const st = cli(["status", "--limit", limit, "--db", db]);
      expect(st.status, limit).toBe(2);
      expect(st.stderr).toBe(`claimcast: expected a positive whole number, got '${limit}'\n`);
    }
    for (const args of [["run"], ["episodes"], ["export", "turns"], ["export", "claims"]]) {
      const h = cli([...args, "--help"]);
      expect(h.status).toBe(0);
      expect(h.stdout).toMatch(/--db/);
      expect(h.stdout).toMatch(/Example/);
    }
  });

  test("human-readable output shows a transcript's escape sequences as text, never sends them raw", () => {
    const own = tempDir();
    const file = join(own, "esc-show.txt");
    writeFileSync(file, "ALEX\u001b[2J: California got $0.83 back for every dollar it sent in 2022.\nSAM: That is what \u001b]0;pwned\u0007 the Treasury says.\n");
    const d = join(own, "x.db");
    expect(cli(["run", file, "--db", d, "--out", join(own, "out"), "--quiet"]).status).toBe(0);
    const turns = cli(["export", "turns", "--episode", "esc-show", "--db", d]);
    expect(turns.status).toBe(0);
    expect(turns.stdout).not.toMatch(/[\u001b\u0007]/);
    expect(turns.stdout).toContain("\\x1b");
    // --json keeps the stored text exactly (JSON escapes it).
    const json = JSON.parse(cli(["export", "turns", "--episode", "esc-show", "--json", "--db", d]).stdout);
    expect(json.map((t: { text: string }) => t.text).join(" ")).toContain("\u001b]0;pwned\u0007");
  });

  test("a missing path is reported and counted, exit 1", () => {
    const r = cli(["run", join(dir, "does-not-exist"), "--db", join(dir, "m.db"), "--quiet"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/does-not-exist: no such file or folder/);
    expect(existsSync(join(dir, "m.db"))).toBe(true);
  });

  test("score reads ID<TAB>TEXT lines and writes ID<TAB>SCORE in order, check-worthy sentences higher", () => {
    const input = ["d1:1\tThanks so much for having me.", "d1:2\tIn 2022, Mississippi received $2.53 for every dollar it sent to Washington.", "d2:1\tWhat do you think?"].join("\n") + "\n";
    const r = cli(["score"], { input });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split("\n").map((l) => l.split("\t"));
    expect(rows.map((x) => x[0])).toEqual(["d1:1", "d1:2", "d2:1"]);
    const score = Object.fromEntries(rows.map(([id, v]) => [id, Number(v)]));
    expect(Object.values(score).every((v) => Number.isFinite(v))).toBe(true);
    expect(score["d1:2"]).toBeGreaterThan(score["d1:1"]);
    expect(score["d1:2"]).toBeGreaterThan(score["d2:1"]);
  });

  test("score drops a byte-order mark at the start: the first id and every score as without it (QA)", () => {
    const body = "ep1:1\tThanks for having me.\r\nep1:2\tIn 2022, Mississippi received $2.53 for every dollar.\r\n";
    const plain = cli(["score"], { input: body });
    const bom = cli(["score"], { input: "\ufeff" + body });
    expect(bom.status).toBe(0);
    expect(bom.stdout).toBe(plain.stdout);
    expect(bom.stdout.startsWith("ep1:1\t")).toBe(true);
  });

  test("score --help's example shows what the shipped model prints (scores and threshold)", () => {
    const help = cli(["score", "--help"]).stdout;
    const cmd = /^\s*printf '(.*)' \| claimcast score$/m.exec(help)![1];
    const input = cmd.replace(/\\t/g, "\t").replace(/\\n/g, "\n");
    const r = cli(["score"], { input });
    const shown = [...help.matchAll(/^\s*(ep1:\d)\t(\d\.\d+)…/gm)].map((m) => [m[1], m[2]]);
    expect(shown).toHaveLength(2);
    const printed = r.stdout.trim().split("\n").map((l) => l.split("\t"));
    for (const [i, [id, prefix]] of shown.entries()) {
      expect(printed[i][0]).toBe(id);
      expect(printed[i][1].startsWith(prefix), `${id}: help says ${prefix}…, score prints ${printed[i][1]}`).toBe(true);
    }
    const threshold = /threshold (\d\.\d+)/.exec(r.stderr)![1];
    expect(help).toContain(`queue threshold, ${threshold})`);
  });
});
