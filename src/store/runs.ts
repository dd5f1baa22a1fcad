import type { DB } from "./open.js";

/** One row of `claimcast status`. */
export interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  pid: number | null;
  ingested: number;
  unchanged: number;
  failed: number;
  claims_added: number;
  details: { path: string; error: string }[];
}

/**
 * Record the start of a batch run; returns its id.
 *
 * @example
 * const id = startRun(db, process.pid);
 */
export function startRun(db: DB, pid: number): number {
  const r = db
    .prepare("INSERT INTO runs (started_at, details_json) VALUES (?, ?)")
    .run(new Date().toISOString(), JSON.stringify({ pid, failures: [] }));
  return Number(r.lastInsertRowid);
}

/** Record how a run ended (failures kept for `claimcast status`). */
export function finishRun(
  db: DB,
  id: number,
  s: { ingested: number; unchanged: number; failed: number; claimsAdded: number; failures: { path: string; error: string }[]; pid: number },
): void {
  db.prepare("UPDATE runs SET finished_at = ?, ingested = ?, unchanged = ?, failed = ?, claims_added = ?, details_json = ? WHERE id = ?").run(
    new Date().toISOString(),
    s.ingested,
    s.unchanged,
    s.failed,
    s.claimsAdded,
    JSON.stringify({ pid: s.pid, failures: s.failures.slice(0, 200) }),
    id,
  );
}

/** The most recent runs, newest first. */
export function recentRuns(db: DB, limit = 10): RunRow[] {
  const rows = db.prepare("SELECT * FROM runs ORDER BY id DESC LIMIT ?").all(limit) as (Omit<RunRow, "details" | "pid"> & { details_json: string })[];
  return rows.map(({ details_json, ...r }) => {
    const d = JSON.parse(details_json) as { pid?: number; failures?: { path: string; error: string }[] };
    return { ...r, pid: d.pid ?? null, details: d.failures ?? [] };
  });
}

/** Runs that started and have not finished, whose process is still alive on this machine. */
export function activeRuns(db: DB, alive: (pid: number) => boolean): RunRow[] {
  return recentRuns(db, 20).filter((r) => r.finished_at === null && r.pid !== null && alive(r.pid));
}

/** Stored content hash of every episode, for the no-parse skip of unchanged files. */
export function allHashes(db: DB): Map<string, string> {
  const rows = db.prepare("SELECT id, content_hash FROM episodes").all() as { id: string; content_hash: string }[];
  return new Map(rows.map((r) => [r.id, r.content_hash]));
}
