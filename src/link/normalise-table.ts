import type { CsvRecord } from "./parse-csv.js";
import type { DatasetRow } from "./index.js";
import { STATE_NAMES } from "./states.js";

/** A dataset row as stored in `dataset_rows`, before it gets an id. */
export interface NormalRow extends Omit<DatasetRow, "derived"> {
  extra: Record<string, string>;
  /** 1-based line in the CSV file. */
  line: number;
}

/** How the columns of one table become metrics (column → metric name and scale). */
export interface TableSpec {
  rename?: Record<string, { metric: string; scale?: number }>;
}

/**
 * Column handling of the shipped tables. Any other table uses the generic rules: `state_code`
 * (or `state`), a year column (`year`, `fiscal_year` or `study_year`), an optional variant column
 * (`covid_relief`, `kind` or `variant`), `source_id`, `state_name` and `notes` kept as extra, and
 * every other column a numeric metric named after it.
 */
export const TABLE_SPECS: Readonly<Record<string, TableSpec>> = {
  balance_of_payments: {},
  federal_dependency_smartasset: { rename: { rank: { metric: "federal_dependency_rank" } } },
  gdp: { rename: { gdp_usd_millions: { metric: "gdp_usd", scale: 1e6 } } },
  population: {},
  irs_gross_collections: {},
};

const STATE_COLS = ["state_code", "state"];
const YEAR_COLS = ["year", "fiscal_year", "study_year"];
const VARIANT_COLS = ["covid_relief", "kind", "variant"];
const EXTRA_COLS = ["state_name", "notes", "source_id"];

/** A bad row or header: the file, 1-based line and a one-line reason. */
export interface RowError {
  line: number;
  message: string;
}

/**
 * Turn parsed CSV records of one table into long-format rows (one per non-empty metric cell),
 * validating every row. `sourceId` is used where the file has no `source_id` column; where it has
 * one and `sourceId` is given, the two must agree. Returns all errors found, never throws.
 *
 * @example
 * const recs = parseCsv("state_code,year,gdp_usd_millions,source_id\nCA,2024,4048108.1,BEA\n");
 * normaliseTable("gdp", recs).rows[0]; // {state:"CA", year:2024, metric:"gdp_usd", value:4048108100000, ...}
 */
export function normaliseTable(table: string, records: CsvRecord[], sourceId?: string): { rows: NormalRow[]; errors: RowError[] } {
  const rows: NormalRow[] = [];
  const errors: RowError[] = [];
  if (records.length === 0) return { rows, errors: [{ line: 1, message: "empty file (no header)" }] };
  const header = records[0].fields.map((h) => h.trim());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const stateCol = col(STATE_COLS);
  const yearCol = col(YEAR_COLS);
  const variantCol = col(VARIANT_COLS);
  const sourceCol = header.indexOf("source_id");
  const hl = records[0].line;
  if (stateCol < 0) errors.push({ line: hl, message: `missing column: state_code` });
  if (yearCol < 0) errors.push({ line: hl, message: `missing column: year (or fiscal_year, study_year)` });
  if (sourceCol < 0 && !sourceId) errors.push({ line: hl, message: "missing column: source_id (or pass --source)" });
  const spec = TABLE_SPECS[table] ?? {};
  const metricCols: { i: number; metric: string; scale: number }[] = [];
  header.forEach((h, i) => {
    if (i === stateCol || i === yearCol || i === variantCol || EXTRA_COLS.includes(h)) return;
    if (h === "") {
      errors.push({ line: hl, message: `empty column name (column ${i + 1})` });
      return;
    }
    const r = spec.rename?.[h];
    metricCols.push({ i, metric: r?.metric ?? h, scale: r?.scale ?? 1 });
  });
  if (metricCols.length === 0) errors.push({ line: hl, message: "no value columns" });
  if (errors.length) return { rows, errors };

  // Line of the first value of each (source, state, year, metric, variant): a second one is an error.
  const seen = new Map<string, number>();
  for (const rec of records.slice(1)) {
    const f = rec.fields;
    const bad = (message: string) => errors.push({ line: rec.line, message });
    if (f.length !== header.length) {
      bad(`expected ${header.length} fields, found ${f.length}`);
      continue;
    }
    const state = f[stateCol].trim().toUpperCase();
    if (!(state in STATE_NAMES)) {
      bad(`unknown state "${f[stateCol]}"`);
      continue;
    }
    const yearText = f[yearCol].trim();
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText)) {
      bad(`bad year "${yearText}"`);
      continue;
    }
    const src = sourceCol >= 0 ? f[sourceCol].trim() : sourceId!;
    if (!src) {
      bad("missing source_id");
      continue;
    }
    if (sourceId && src !== sourceId) {
      bad(`source_id "${src}" does not match --source ${sourceId}`);
      continue;
    }
    const variant = variantCol >= 0 ? f[variantCol].trim() || null : null;
    const extra: Record<string, string> = {};
    header.forEach((h, i) => {
      if (EXTRA_COLS.includes(h) && h !== "source_id" && f[i].trim()) extra[h] = f[i].trim();
    });
    for (const m of metricCols) {
      const cell = f[m.i].trim();
      if (cell === "") continue;
      const v = Number(cell.replace(/,/g, ""));
      if (!Number.isFinite(v) || !/^[-+]?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(cell)) {
        bad(`non-numeric value "${cell}" in column ${header[m.i]}`);
        continue;
      }
      const key = `${src}\0${state}\0${year}\0${m.metric}\0${variant ?? ""}`;
      const first = seen.get(key);
      if (first !== undefined) {
        bad(`${state} ${year} ${m.metric}${variant ? ` (${variant})` : ""} given again (first on line ${first}); one value per state, year and figure`);
        continue;
      }
      seen.set(key, rec.line);
      rows.push({ table, sourceId: src, state, year, metric: m.metric, value: m.scale === 1 ? v : Math.round(v * m.scale * 100) / 100, variant, extra, line: rec.line });
    }
  }
  return { rows, errors };
}
