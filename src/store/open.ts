import Database from "better-sqlite3";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

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
 * Open (and create, and migrate) a claimcast database. WAL, foreign keys on, a busy timeout so
 * overlapping cron runs wait for each other instead of failing. Each pending migration runs in
 * its own transaction together with the bump of `PRAGMA user_version`.
 *
 * @example
 * const db = openDb(":memory:");
 */
export function openDb(file: string, opts: { readonly?: boolean; busyTimeoutMs?: number } = {}): DB {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false });
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 30000}`);
  if (!opts.readonly) {
    if (file !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    migrate(db);
  }
  db.pragma("foreign_keys = ON");
  return db;
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
