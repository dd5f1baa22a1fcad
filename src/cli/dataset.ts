import { Command } from "commander";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DatasetError, ensureDataset, importDatasetCsv, listDataset } from "../store/dataset.js";
import { openDb } from "../store/open.js";
import { DEFAULT_DB, EXIT, UsageError, dbFrom, example, printJson, withDb } from "./common.js";

const FISCAL_DIR = fileURLToPath(new URL("../../data/fiscal/", import.meta.url));

/** `claimcast dataset list|import`: inspect and extend the fiscal reference dataset. */
export function registerDataset(program: Command): void {
  const dataset = program.command("dataset").description("Inspect and extend the fiscal reference dataset the linker checks claims against.");
  example(dataset, "claimcast dataset list\nclaimcast dataset import gdp-2025.csv --table gdp --source BEA_SAGDP1_2026_03");

  const list = withDb(dataset.command("list").description("Tables, years, metrics, sources and row counts (loads the shipped data/fiscal files first if needed).").option("--json", "JSON {tables:[{table, rows, years, metrics, sources}], sources:[...], shippedHash}"));
  example(list, "claimcast dataset list --json | jq '.tables[] | {table, rows, years}'");
  list.action((opts: { db: string; json?: boolean }) => {
    const db = dbFrom(opts);
    try {
      ensureDataset(db, FISCAL_DIR);
      const l = listDataset(db);
      if (opts.json) return printJson(l);
      if (l.tables.length === 0) return void process.stdout.write("no dataset rows\n");
      for (const t of l.tables) {
        process.stdout.write(`${t.table}\t${t.rows} rows\tyears ${t.years.join(",")}\t${t.metrics.join(", ")}\n`);
        for (const s of t.sources) process.stdout.write(`  ${s.id}\t${s.rows} rows\t${s.years.join(",")}\t${s.origin ?? ""}\n`);
      }
      process.stdout.write(`${l.sources.length} sources (claimcast dataset list --json for publisher, URL, method, year basis)\n`);
    } finally {
      db.close();
    }
  });

  const imp = withDb(
    dataset
      .command("import")
      .description(
        "Add or replace one source's rows of a table from a CSV (columns: state_code, year|fiscal_year|study_year, optional covid_relief|kind|variant, source_id, then one numeric column per metric). Every row is checked first; nothing is written if any row is bad.",
      )
      .argument("<file>", "CSV file (RFC 4180)")
      .requiredOption("--table <name>", "table name (lower_snake_case), e.g. gdp")
      .requiredOption("--source <id>", "source id; re-importing replaces only this source's rows of this table")
      .option("--json", "JSON {table, source, rows, replaced} or {errors:[\"file:line: reason\"]}"),
  );
  example(imp, "claimcast dataset import gdp-2025.csv --table gdp --source BEA_SAGDP1_2026_03 --json");
  imp.action((file: string, opts: { db: string; table: string; source: string; json?: boolean }) => {
    if (!/^[a-z][a-z0-9_]*$/.test(opts.table)) throw new UsageError(`--table: bad table name "${opts.table}" (use lower_snake_case)`);
    const fail = (err: DatasetError) => {
      if (opts.json) printJson({ errors: err.problems });
      else for (const p of err.problems) process.stderr.write(`claimcast: ${p}\n`);
      process.exitCode = EXIT.failed;
    };
    // Where the import would create the database, the CSV is checked first (in a scratch database
    // in memory), so a bad file leaves no new database behind.
    if (!hasData(opts.db ?? DEFAULT_DB)) {
      const scratch = openDb(":memory:");
      try {
        importDatasetCsv(scratch, file, { table: opts.table, source: opts.source });
      } catch (err) {
        if (!(err instanceof DatasetError)) throw err;
        return fail(err);
      } finally {
        scratch.close();
      }
    }
    const db = dbFrom(opts, { create: true });
    try {
      ensureDataset(db, FISCAL_DIR);
      const r = importDatasetCsv(db, file, { table: opts.table, source: opts.source });
      if (opts.json) return printJson(r);
      process.stdout.write(`imported ${r.rows} values into ${r.table} for ${r.source}${r.replaced ? ` (replaced ${r.replaced})` : ""}\n`);
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      fail(err);
    } finally {
      db.close();
    }
  });
}

/** Whether a file exists and is not empty (an import into a missing or 0-byte file creates the database). */
function hasData(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
