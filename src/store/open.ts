import Database from "better-sqlite3";
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fsReason } from "../core/diagnostic.js";

export type DB = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

/** Numbered migration files (`0001_init.sql`, ...) in order. */
export function listMigrations(dir: string = MIGRATIONS_DIR): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 4)), name, sql: readFileSync(dir + name, "utf8") }));
}

/**
 * A database path that cannot be used: not an SQLite file, an SQLite file of another program, a
 * folder that cannot be created. One line naming the file; the CLI prints it as a usage error.
 */
export class DbFileError extends Error {}

/**
 * Why a folder cannot be created or written, or undefined if it can. Creates nothing: walks up to
 * the nearest existing ancestor, which must be a writable folder.
 *
 * @example
 * dirProblem("/dev/null/x"); // "/dev/null is not a folder"
 */
export function dirProblem(dir: string): string | undefined {
  let p = resolve(dir);
  for (;;) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") return `${p}: ${fsReason(e)}`;
      const up = dirname(p);
      if (up === p) return `${p}: ${fsReason(e)}`;
      p = up;
      continue;
    }
    if (!st.isDirectory()) return `${p} is not a folder`;
    try {
      accessSync(p, constants.W_OK | constants.X_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === "EACCES" || code === "EPERM" ? `${p} is not writable` : `${p} is not writable (${fsReason(e)})`;
    }
    return undefined;
  }
}

/**
 * Create a folder and its missing parents, one level at a time. Node's recursive `mkdirSync` spins
 * forever where a parent cannot hold folders (under `/proc`); this fails with one line instead.
 *
 * @example
 * makeDir("output/reports/ep1");
 */
export function makeDir(dir: string): void {
  const problem = dirProblem(dir);
  if (problem) {
    const whole = resolve(dir);
    throw new Error(problem.startsWith(`${whole} `) || problem.startsWith(`${whole}:`) ? problem : `cannot create folder ${dir} (${problem})`);
  }
  const missing: string[] = [];
  for (let p = resolve(dir); dirname(p) !== p; p = dirname(p)) {
    try {
      statSync(p);
      break;
    } catch {
      missing.unshift(p);
    }
  }
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (e) {
      // Another process (an overlapping run) may have made it meanwhile.
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && statSync(p).isDirectory()) continue;
      throw new Error(`cannot create folder ${p} (${fsReason(e)})`);
    }
  }
}

/** What is at a database path, as far as claimcast is concerned. */
type DbKind = "claimcast" | "blank" | { foreign: string };

/**
 * Classify an open connection: a claimcast database (the `episodes` table with its `source_path` and
 * `content_hash`, at any migration), a blank one (no tables, `user_version` 0: a new or 0-byte file),
 * or another program's database.
 */
function classify(db: DB): DbKind {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const version = db.pragma("user_version", { simple: true }) as number;
  if (tables.includes("episodes")) {
    const cols = new Set((db.pragma("table_info(episodes)") as { name: string }[]).map((c) => c.name));
    if (cols.has("source_path") && cols.has("content_hash")) return "claimcast";
  }
  if (tables.length > 0) return { foreign: "it has other tables" };
  if (version !== 0) return { foreign: `user_version ${version} but no tables` };
  return "blank";
}

/**
 * Open (and create, and migrate) a claimcast database. WAL, foreign keys on, a busy timeout so
 * overlapping cron runs wait for each other instead of failing. Each pending migration runs in
 * its own transaction together with the bump of `PRAGMA user_version`.
 *
 * A file that is not an SQLite database, or an SQLite database of another program (tables that
 * are not claimcast's), is refused with a {@link DbFileError} and left untouched. With
 * `existing: true` a missing, empty (0-byte) or table-less file is refused too, instead of
 * being made into a new database (the read commands); an older claimcast database is still
 * migrated forward.
 *
 * @example
 * const db = openDb(":memory:");
 */
export function openDb(file: string, opts: { readonly?: boolean; busyTimeoutMs?: number; existing?: boolean } = {}): DB {
  const memory = file === ":memory:" || file === "";
  let size = -1;
  if (!memory) {
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw new DbFileError(`${file} is a folder, not a database file`);
      size = st.size;
    } catch (e) {
      if (e instanceof DbFileError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new DbFileError(`${file}: ${fsReason(e)}`);
      if (opts.existing) throw new DbFileError(`no database at ${file}`);
      try {
        makeDir(dirname(file));
      } catch (err) {
        throw new DbFileError(`${file}: ${(err as Error).message}`);
      }
    }
  }
  let db: DB;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.existing ?? false });
  } catch (e) {
    throw new DbFileError(`${file}: ${(e as Error).message.split("\n")[0]}`);
  }
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 30000}`);
    let kind: DbKind;
    try {
      kind = classify(db);
    } catch (e) {
      if ((e as { code?: string }).code === "SQLITE_NOTADB") throw new DbFileError(`${file} is not an SQLite database`);
      throw e;
    }
    if (typeof kind === "object") throw new DbFileError(`${file} is not a claimcast database (${kind.foreign})`);
    if (kind === "blank" && opts.existing && !memory)
      throw new DbFileError(size === 0 ? `${file} is an empty file, not a claimcast database` : `${file} is an empty SQLite database, not a claimcast database`);
    if (!opts.readonly) {
      if (!memory) db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      migrate(db);
    }
    db.pragma("foreign_keys = ON");
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

const statements = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection and reused (the hot ingest path would
 * otherwise re-compile the same SQL for every episode).
 *
 * @example
 * stmt(db, "SELECT 1 AS one").get(); // { one: 1 }
 */
export function stmt(db: DB, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}

/** Apply pending migrations; returns the versions applied. */
export function migrate(db: DB): number[] {
  const applied: number[] = [];
  for (const m of listMigrations()) {
    // BEGIN IMMEDIATE so two processes opening a new database do not both migrate it.
    const run = db.transaction(() => {
      const current = db.pragma("user_version", { simple: true }) as number;
      if (m.version <= current) return false;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
      return true;
    });
    if (run.immediate()) applied.push(m.version);
  }
  return applied;
}
