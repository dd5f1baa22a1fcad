import { describe, expect, test } from "vitest";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { BIN, cli, tempDir } from "../helpers/cli.js";
import { listMigrations } from "../../src/store/open.js";

const ESSAY = "transcripts/000_3a126643cd20d101.txt";

/** The commands that only read: none of them may make a database out of a file. */
const READ_COMMANDS = [["episodes"], ["export", "claims"], ["export", "turns", "--episode", "x"], ["status"], ["queue", "list"], ["digest"], ["dataset", "list"]];

/** An SQLite file of another program: one table of its own. */
function foreignDb(file: string): void {
  const db = new Database(file);
  db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')");
  db.close();
}

/** Tables and journal mode of an SQLite file, read without changing it. */
function shape(file: string): { tables: string[]; journal: string } {
  const db = new Database(file, { readonly: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const journal = db.pragma("journal_mode", { simple: true }) as string;
  db.close();
  return { tables, journal };
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

function transcripts(): string {
  const dir = join(tempDir(), "tx");
  mkdirSync(dir);
  copyFileSync(ESSAY, join(dir, "ep.txt"));
  return dir;
}

describe("--db that is not a claimcast database", () => {
  test("read commands refuse another program's SQLite database (exit 2, one line) and leave it as it was", () => {
    const file = join(tempDir(), "contacts.db");
    foreignDb(file);
    for (const args of READ_COMMANDS) {
      const r = cli([...args, "--db", file]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(oneLine(r.stderr)).toBe(`claimcast: ${file} is not a claimcast database (it has other tables)`);
    }
    expect(shape(file)).toEqual({ tables: ["contacts"], journal: "delete" });
  });

  test("read commands refuse an empty file and a file that is not SQLite; neither is changed", () => {
    const dir = tempDir();
    const empty = join(dir, "empty.db");
    writeFileSync(empty, "");
    const text = join(dir, "notes.db");
    writeFileSync(text, "these are my notes, not a database\n");
    for (const args of READ_COMMANDS) {
      const e = cli([...args, "--db", empty]);
      expect(e.status, args.join(" ")).toBe(2);
      expect(oneLine(e.stderr)).toBe(`claimcast: ${empty} is an empty file, not a claimcast database`);
      const t = cli([...args, "--db", text]);
      expect(t.status, args.join(" ")).toBe(2);
      expect(oneLine(t.stderr)).toBe(`claimcast: ${text} is not an SQLite database`);
    }
    expect(statSync(empty).size).toBe(0);
    expect(readFileSync(text, "utf8")).toBe("these are my notes, not a database\n");
    expect(existsSync(empty + "-wal")).toBe(false);
  });

  test("run and dataset import refuse another program's database and a non-SQLite file; they make a database in a 0-byte file", () => {
    const dir = tempDir();
    const tx = transcripts();
    const csv = join(dir, "gdp.csv");
    writeFileSync(csv, "state_code,year,source_id,gdp_usd\nCA,2020,MY_SRC,3000000000000\n");
    const foreign = join(dir, "contacts.db");
    foreignDb(foreign);
    const text = join(dir, "notes.db");
    writeFileSync(text, "not a database\n");
    for (const file of [foreign, text]) {
      const want = file === foreign ? `${file} is not a claimcast database (it has other tables)` : `${file} is not an SQLite database`;
      const r = cli(["run", tx, "--db", file, "--quiet"]);
      expect(r.status).toBe(2);
      expect(oneLine(r.stderr)).toBe(`claimcast: ${want}`);
      const i = cli(["dataset", "import", csv, "--table", "gdp", "--source", "MY_SRC", "--db", file]);
      expect(i.status).toBe(2);
      expect(oneLine(i.stderr)).toBe(`claimcast: ${want}`);
    }
    expect(shape(foreign).tables).toEqual(["contacts"]);
    expect(readFileSync(text, "utf8")).toBe("not a database\n");

    const empty = join(dir, "empty.db");
    writeFileSync(empty, "");
    expect(cli(["run", tx, "--db", empty, "--quiet"]).status).toBe(0);
    expect(JSON.parse(cli(["episodes", "--json", "--db", empty]).stdout).map((e: { id: string }) => e.id)).toEqual(["ep"]);
    const empty2 = join(dir, "empty2.db");
    writeFileSync(empty2, "");
    expect(cli(["dataset", "import", csv, "--table", "gdp", "--source", "MY_SRC", "--db", empty2]).status).toBe(0);
  });

  test("an older claimcast database is still migrated forward by a read command", () => {
    const file = join(tempDir(), "old.db");
    const db = new Database(file);
    for (const m of listMigrations().slice(0, 2)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
    db.close();
    const r = cli(["episodes", "--json", "--db", file]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toEqual([]);
    const after = new Database(file, { readonly: true });
    expect(after.pragma("user_version", { simple: true })).toBe(listMigrations().at(-1)!.version);
    after.close();
  });

  test("dataset import with a bad CSV does not create the database", () => {
    const dir = tempDir();
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, "state_code,year,source_id,gdp_usd\nZZ,2020,MY_SRC,3000000000000\n");
    const file = join(dir, "new.db");
    const r = cli(["dataset", "import", csv, "--table", "gdp", "--source", "MY_SRC", "--db", file]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/bad\.csv:2: .*ZZ/);
    expect(existsSync(file)).toBe(false);
  });
});

describe("--db and --out where no folder can be made", () => {
  test("--db under /proc fails at once (exit 2, one line) instead of spinning", () => {
    // Killed after 15 s: the old code never returned.
    const r = spawnSync(process.execPath, [BIN, "run", transcripts(), "--db", "/proc/nope/x.db", "--quiet"], { encoding: "utf8", timeout: 15_000, killSignal: "SIGKILL" });
    expect(r.signal).toBe(null);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^claimcast: \/proc\/nope\/x\.db: cannot create folder \/proc\/nope/);
  }, 30_000);

  test("--db under a file fails (exit 2, one line naming it)", () => {
    const r = cli(["run", transcripts(), "--db", "/dev/null/x.db", "--quiet"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe("claimcast: /dev/null/x.db: /dev/null is not a folder");
  });

  test("an --out that cannot be made stops the run before anything is stored", () => {
    const file = join(tempDir(), "r.db");
    const r = cli(["run", transcripts(), "--db", file, "--out", "/dev/null/x"]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe("claimcast: --out /dev/null/x: cannot create folder /dev/null/x (/dev/null is not a folder)");
    expect(existsSync(file)).toBe(false);
  });
});
