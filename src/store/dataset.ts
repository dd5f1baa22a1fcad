import { defaultLinkConfig } from "../link/link-config.js";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { DB } from "./open.js";
import type { Dataset, DatasetRow, DatasetSource } from "../link/index.js";
import { indexDataset } from "../link/index-dataset.js";
import { CsvSyntaxError, parseCsv } from "../link/parse-csv.js";
import { normaliseTable, type NormalRow } from "../link/normalise-table.js";

/** One source entry of `data/fiscal/sources.json`. */
export interface SourceEntry {
  id: string;
  label?: string | null;
  publisher?: string | null;
  title?: string | null;
  url?: string | null;
  method?: string | null;
  year_basis?: string | null;
  notes?: string | null;
}

/** A dataset file or row that failed validation; `message` is one line per bad row (`file:line: reason`). */
export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more)`);
  }
}

/** The shipped files: every `*.csv` (table name = file base name) plus `sources.json`. */
function shippedFiles(dir: string): { csv: string[]; sources: string | null } {
  if (!existsSync(dir)) return { csv: [], sources: null };
  const names = readdirSync(dir).sort();
  return {
    csv: names.filter((f) => f.endsWith(".csv")).map((f) => join(dir, f)),
    sources: names.includes("sources.json") ? join(dir, "sources.json") : null,
  };
}

/** Parse and validate one CSV file; throws `DatasetError` listing every bad row as `file:line: reason`. */
function readTable(file: string, table: string, sourceId?: string, text?: string): NormalRow[] {
  let records;
  try {
    records = parseCsv(text ?? readFileSync(file, "utf8"));
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new DatasetError([`${file}:${err.message.replace(/^line /, "")}`]);
    throw err;
  }
  const { rows, errors } = normaliseTable(table, records, sourceId);
  if (errors.length) throw new DatasetError(errors.map((e) => `${file}:${e.line}: ${e.message}`));
  return rows;
}

function upsertSource(db: DB, s: SourceEntry): void {
  db.prepare(
    `INSERT INTO dataset_sources (id, label, publisher, title, url, method, year_basis, notes)
     VALUES (@id, @label, @publisher, @title, @url, @method, @year_basis, @notes)
     ON CONFLICT(id) DO UPDATE SET label = excluded.label, publisher = excluded.publisher, title = excluded.title,
       url = excluded.url, method = excluded.method, year_basis = excluded.year_basis, notes = excluded.notes`,
  ).run({
    id: s.id,
    label: s.label ?? null,
    publisher: s.publisher ?? null,
    title: s.title ?? null,
    url: s.url ?? null,
    method: s.method ?? null,
    year_basis: s.year_basis ?? null,
    notes: s.notes ?? null,
  });
}

function insertRows(db: DB, rows: NormalRow[]): void {
  const ins = db.prepare(
    `INSERT INTO dataset_rows (table_name, source_id, state, year, metric, value, variant, extra_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) ins.run(r.table, r.sourceId, r.state, r.year, r.metric, r.value, r.variant, JSON.stringify(r.extra));
}

function recordImport(db: DB, table: string, sourceId: string, origin: string, file: string, sha: string, rows: number): void {
  db.prepare(
    `INSERT INTO dataset_imports (table_name, source_id, origin, file, sha256, rows, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(table_name, source_id) DO UPDATE SET origin = excluded.origin, file = excluded.file,
       sha256 = excluded.sha256, rows = excluded.rows, imported_at = excluded.imported_at`,
  ).run(table, sourceId, origin, file, sha, rows, new Date().toISOString());
}

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

/**
 * Load the shipped fiscal dataset (`dir`: every `*.csv` as a table named after the file, and
 * `sources.json` with one provenance entry per `source_id`) on first run, and again whenever the
 * files' combined hash changes (stored as `dataset_meta.shipped_hash`). A reload replaces only
 * the (table, source) pairs that came from the shipped files; pairs a user re-imported with
 * `claimcast dataset import` are kept. One immediate transaction, so overlapping runs load once.
 * Throws `DatasetError` (nothing written) if a shipped file has a bad row.
 *
 * @example
 * ensureDataset(openDb(":memory:"), "data/fiscal"); // { loaded: true, rows: 1894, ... }
 */
export function ensureDataset(db: DB, dir: string): { loaded: boolean; rows: number; hash: string } {
  const files = shippedFiles(dir);
  if (files.csv.length === 0) return { loaded: false, rows: 0, hash: "" };
  const texts = new Map<string, string>();
  const h = createHash("sha256");
  for (const f of [...files.csv, ...(files.sources ? [files.sources] : [])]) {
    const text = readFileSync(f, "utf8");
    texts.set(f, text);
    h.update(basename(f)).update("\0").update(text).update("\0");
  }
  const hash = h.digest("hex");
  const current = () => (db.prepare("SELECT value FROM dataset_meta WHERE key = 'shipped_hash'").get() as { value: string } | undefined)?.value;
  if (current() === hash) return { loaded: false, rows: 0, hash };

  // Parse everything before writing, so a bad file leaves the database as it was.
  const sources: SourceEntry[] = files.sources ? (JSON.parse(texts.get(files.sources)!) as { sources: SourceEntry[] }).sources : [];
  const tables = files.csv.map((f) => ({ file: f, table: basename(f, ".csv"), rows: readTable(f, basename(f, ".csv"), undefined, texts.get(f)) }));

  let inserted = 0;
  const load = db.transaction(() => {
    if (current() === hash) return false;
    for (const s of sources) upsertSource(db, s);
    const shipped = db.prepare("SELECT table_name, source_id FROM dataset_imports WHERE origin = 'shipped'").all() as { table_name: string; source_id: string }[];
    const del = db.prepare("DELETE FROM dataset_rows WHERE table_name = ? AND source_id = ?");
    for (const p of shipped) del.run(p.table_name, p.source_id);
    db.prepare("DELETE FROM dataset_imports WHERE origin = 'shipped'").run();
    const userPairs = new Set(
      (db.prepare("SELECT table_name, source_id FROM dataset_imports").all() as { table_name: string; source_id: string }[]).map((p) => `${p.table_name}\0${p.source_id}`),
    );
    const known = new Set(sources.map((s) => s.id));
    for (const t of tables) {
      const bySource = new Map<string, NormalRow[]>();
      for (const r of t.rows) {
        const list = bySource.get(r.sourceId);
        if (list) list.push(r);
        else bySource.set(r.sourceId, [r]);
      }
      for (const [sourceId, rows] of bySource) {
        if (userPairs.has(`${t.table}\0${sourceId}`)) continue;
        if (!known.has(sourceId)) db.prepare("INSERT OR IGNORE INTO dataset_sources (id, notes) VALUES (?, 'not described in sources.json')").run(sourceId);
        insertRows(db, rows);
        recordImport(db, t.table, sourceId, "shipped", t.file, sha256(texts.get(t.file)!), rows.length);
        inserted += rows.length;
      }
    }
    db.prepare("INSERT INTO dataset_meta (key, value) VALUES ('shipped_hash', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(hash);
    return true;
  });
  const loaded = load.immediate();
  return { loaded, rows: inserted, hash };
}

/**
 * Add or replace one source's rows of one table from a CSV file. Every row is validated first
 * (unknown state, non-numeric value, missing column, a `source_id` cell that is not `sourceId`);
 * if any row is bad, `DatasetError` lists them as `file:line: reason` and nothing is written.
 * Rows of other sources, and other tables of the same source, are left alone. A source id not in
 * `dataset_sources` is added with empty provenance.
 *
 * @example
 * importDatasetCsv(db, "gdp-2025.csv", { table: "gdp", source: "BEA_SAGDP1_2026_03" }); // { rows: 52, replaced: 0, ... }
 */
export function importDatasetCsv(db: DB, file: string, opts: { table: string; source: string }): { table: string; source: string; rows: number; replaced: number } {
  if (!/^[a-z][a-z0-9_]*$/.test(opts.table)) throw new DatasetError([`bad table name "${opts.table}" (use lower_snake_case)`]);
  if (!/^[A-Za-z0-9_.-]+$/.test(opts.source)) throw new DatasetError([`bad source id "${opts.source}"`]);
  if (!existsSync(file)) throw new DatasetError([`${file}: no such file`]);
  const text = readFileSync(file, "utf8");
  const rows = readTable(file, opts.table, opts.source, text);
  if (rows.length === 0) throw new DatasetError([`${file}: no values to import`]);
  return db
    .transaction(() => {
      db.prepare("INSERT OR IGNORE INTO dataset_sources (id, notes) VALUES (?, ?)").run(opts.source, `added by dataset import from ${basename(file)}`);
      const replaced = db.prepare("DELETE FROM dataset_rows WHERE table_name = ? AND source_id = ?").run(opts.table, opts.source).changes;
      insertRows(db, rows);
      recordImport(db, opts.table, opts.source, "import", file, sha256(text), rows.length);
      return { table: opts.table, source: opts.source, rows: rows.length, replaced };
    })
    .immediate();
}

/** What `claimcast dataset list` shows. */
export interface DatasetListing {
  tables: {
    table: string;
    rows: number;
    years: number[];
    metrics: string[];
    sources: { id: string; rows: number; years: number[]; origin: string | null }[];
  }[];
  sources: (DatasetSource & { notes: string | null; rows: number })[];
  shippedHash: string | null;
}

/**
 * Tables, years, metrics, sources and row counts in the database.
 *
 * @example
 * listDataset(db).tables.map((t) => t.table); // ["balance_of_payments", "federal_dependency_smartasset", ...]
 */
export function listDataset(db: DB): DatasetListing {
  const groups = db
    .prepare(
      `SELECT r.table_name, r.source_id, count(*) AS n, group_concat(DISTINCT r.year) AS years,
              group_concat(DISTINCT r.metric) AS metrics, i.origin
       FROM dataset_rows r LEFT JOIN dataset_imports i ON i.table_name = r.table_name AND i.source_id = r.source_id
       GROUP BY r.table_name, r.source_id ORDER BY r.table_name, r.source_id`,
    )
    .all() as { table_name: string; source_id: string; n: number; years: string; metrics: string; origin: string | null }[];
  const nums = (s: string) => [...new Set(s.split(",").map(Number))].sort((a, b) => a - b);
  const tables = new Map<string, DatasetListing["tables"][number]>();
  for (const g of groups) {
    let t = tables.get(g.table_name);
    if (!t) tables.set(g.table_name, (t = { table: g.table_name, rows: 0, years: [], metrics: [], sources: [] }));
    t.rows += g.n;
    t.years = [...new Set([...t.years, ...nums(g.years)])].sort((a, b) => a - b);
    t.metrics = [...new Set([...t.metrics, ...g.metrics.split(",")])].sort();
    t.sources.push({ id: g.source_id, rows: g.n, years: nums(g.years), origin: g.origin });
  }
  const counts = new Map(groups.reduce((m, g) => m.set(g.source_id, (m.get(g.source_id) ?? 0) + g.n), new Map<string, number>()));
  const sources = readSources(db).map((s) => ({ ...s, notes: s.notes ?? null, rows: counts.get(s.id) ?? 0 }));
  const hash = (db.prepare("SELECT value FROM dataset_meta WHERE key = 'shipped_hash'").get() as { value: string } | undefined)?.value ?? null;
  return { tables: [...tables.values()], sources, shippedHash: hash };
}

function readSources(db: DB): DatasetSource[] {
  const rows = db
    .prepare("SELECT id, label, publisher, title, url, method, year_basis, notes FROM dataset_sources ORDER BY id")
    .all() as { id: string; label: string | null; publisher: string | null; title: string | null; url: string | null; method: string | null; year_basis: string | null; notes: string | null }[];
  return rows.map((r) => ({ id: r.id, label: r.label, publisher: r.publisher, title: r.title, url: r.url, method: r.method, yearBasis: r.year_basis, notes: r.notes }));
}

/**
 * Read the dataset into memory for the link stage (once per batch), indexed by metric and state.
 *
 * @example
 * const dataset = loadDataset(db);
 * linkClaims(claims, dataset, { airDate: "2025-11-14" });
 */
export function loadDataset(db: DB): Dataset {
  const rows = (
    db.prepare("SELECT table_name, source_id, state, year, metric, value, variant FROM dataset_rows ORDER BY id").all() as {
      table_name: string;
      source_id: string;
      state: string;
      year: number;
      metric: string;
      value: number;
      variant: string | null;
    }[]
  ).map((r): DatasetRow => ({ table: r.table_name, sourceId: r.source_id, state: r.state, year: r.year, metric: r.metric, value: r.value, variant: r.variant }));
  const dataset: Dataset = { rows, sources: new Map(readSources(db).map((s) => [s.id, s])) };
  dataset.index = indexDataset(dataset);
  // Metric cues and state groups are data files read here, at the edge, so the link stage stays pure.
  dataset.config = defaultLinkConfig();
  return dataset;
}
