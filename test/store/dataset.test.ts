import { describe, expect, test } from "vitest";
import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type DB } from "../../src/store/open.js";
import { DatasetError, ensureDataset, importDatasetCsv, listDataset, loadDataset } from "../../src/store/dataset.js";
import { rowsFor } from "../../src/link/index-dataset.js";

const tmp = () => mkdtempSync(join(tmpdir(), "claimcast-dataset-"));
const count = (db: DB, where = "1=1", ...args: unknown[]) => (db.prepare(`SELECT count(*) AS n FROM dataset_rows WHERE ${where}`).get(...args) as { n: number }).n;

function csv(dir: string, name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe("ensureDataset / loadDataset", () => {
  test("loads every shipped table with provenance per source, once", () => {
    const db = openDb(":memory:");
    const first = ensureDataset(db, "data/fiscal");
    expect(first.loaded).toBe(true);
    expect(first.rows).toBe(count(db));
    expect(ensureDataset(db, "data/fiscal").loaded).toBe(false);
    const l = listDataset(db);
    expect(l.tables.map((t) => t.table)).toEqual(["balance_of_payments", "federal_dependency_smartasset", "gdp", "irs_gross_collections", "population"]);
    expect(l.tables.find((t) => t.table === "gdp")).toMatchObject({ rows: 156, years: [2022, 2023, 2024], metrics: ["gdp_usd"] });
    expect(l.tables.find((t) => t.table === "population")?.sources.map((s) => s.id)).toEqual(["CENSUS_2020_APPORTIONMENT", "CENSUS_V2024_NST_EST"]);
    // Every source id used by a row is described, with publisher, URL, method and year basis.
    const used = new Set(l.tables.flatMap((t) => t.sources.map((s) => s.id)));
    for (const id of used) {
      const s = l.sources.find((x) => x.id === id)!;
      expect(s, id).toBeDefined();
      expect(s.publisher && s.url && s.method && s.yearBasis && s.label, id).toBeTruthy();
    }
    expect(l.shippedHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("normalises columns into metrics, variants and US rows", () => {
    const db = openDb(":memory:");
    ensureDataset(db, "data/fiscal");
    const d = loadDataset(db);
    const index = d.index!;
    expect(rowsFor(index, "gdp_usd", "US").map((r) => [r.year, r.value])).toEqual([
      [2022, 26054614e6],
      [2023, 27811517e6],
      [2024, 29298013e6],
    ]);
    expect(rowsFor(index, "population", "WY").filter((r) => r.year === 2020).map((r) => r.variant)).toEqual(["census", "estimate"]);
    const ca2022 = rowsFor(index, "balance_usd", "CA").filter((r) => r.year === 2022 && r.sourceId === "SISNEY2025");
    expect(ca2022.map((r) => [r.variant, r.value])).toEqual([
      ["excluded", -126e9],
      ["included", -83.1e9],
    ]);
    expect(rowsFor(index, "federal_funding_per_income_tax_dollar", "MS")[0]).toMatchObject({ table: "federal_dependency_smartasset", sourceId: "SA2022_TEXT", year: 2022, value: 2.53, variant: null });
    expect(rowsFor(index, "federal_dependency_rank", "WV")[0].value).toBe(1);
    expect(d.sources.get("SA2022_TEXT")?.label).toBe("SmartAsset 2022");
    const extra = db.prepare("SELECT extra_json FROM dataset_rows WHERE source_id = 'SA2022_TEXT' AND state = 'MS' AND metric = 'federal_dependency_rank'").get() as { extra_json: string };
    expect(JSON.parse(extra.extra_json)).toMatchObject({ state_name: "Mississippi", notes: "only top-10 state with a higher ratio than WV" });
  });

  test("reloads when the shipped files change, keeping re-imported pairs", () => {
    const dir = tmp();
    cpSync("data/fiscal", dir, { recursive: true });
    const db = openDb(":memory:");
    ensureDataset(db, dir);
    const before = count(db);
    importDatasetCsv(db, csv(tmp(), "gdp.csv", "state_code,year,gdp_usd_millions,source_id\nCA,2024,1,BEA_SAGDP1_2025_09\n"), { table: "gdp", source: "BEA_SAGDP1_2025_09" });
    appendFileSync(join(dir, "population.csv"), "PR,Puerto Rico,2024,3203295,estimate,CENSUS_V2024_NST_EST\n".replace("PR,Puerto Rico", "DC,District of Columbia").replace("2024,3203295", "2019,705749"));
    const r = ensureDataset(db, dir);
    expect(r.loaded).toBe(true);
    expect(count(db, "table_name = 'population'")).toBe(313);
    // The user's gdp import survives the reload; the shipped gdp rows do not come back beside it.
    expect(count(db, "table_name = 'gdp'")).toBe(1);
    expect(count(db)).toBe(before - 156 + 1 + 1);
  });

  test("a bad shipped file writes nothing", () => {
    const dir = tmp();
    cpSync("data/fiscal", dir, { recursive: true });
    appendFileSync(join(dir, "gdp.csv"), "ZZ,Nowhere,2024,1,BEA_SAGDP1_2025_09\n");
    const db = openDb(":memory:");
    expect(() => ensureDataset(db, dir)).toThrow(/gdp\.csv:158: unknown state "ZZ"/);
    expect(count(db)).toBe(0);
  });

  test("a missing folder loads nothing and does not throw", () => {
    const db = openDb(":memory:");
    expect(ensureDataset(db, join(tmp(), "nope"))).toMatchObject({ loaded: false, rows: 0 });
    expect(loadDataset(db).rows).toEqual([]);
  });
});

describe("importDatasetCsv", () => {
  const dir = tmp();
  const invalid: { name: string; text: string; message: RegExp }[] = [
    { name: "unknown state", text: "state_code,year,widgets\nCA,2024,1\nZZ,2024,2\n", message: /bad\.csv:3: unknown state "ZZ"/ },
    { name: "non-numeric value", text: "state_code,year,widgets\nCA,2024,lots\n", message: /bad\.csv:2: non-numeric value "lots" in column widgets/ },
    { name: "missing column", text: "state_code,widgets\nCA,1\n", message: /bad\.csv:1: missing column: year/ },
    { name: "short row", text: "state_code,year,widgets\nCA,2024\n", message: /bad\.csv:2: expected 3 fields, found 2/ },
    { name: "bad year", text: "state_code,year,widgets\nCA,twenty,1\n", message: /bad\.csv:2: bad year "twenty"/ },
    { name: "other source in the file", text: "state_code,year,widgets,source_id\nCA,2024,1,OTHER\n", message: /bad\.csv:2: source_id "OTHER" does not match --source TEST/ },
    { name: "unclosed quote", text: 'state_code,year,widgets\nCA,2024,"1\n', message: /bad\.csv:2: quoted field never closes/ },
    { name: "the same state and year twice", text: "state_code,year,widgets\nCA,2025,1\nNY,2025,5\nca,2025,2\n", message: /bad\.csv:4: CA 2025 widgets given again \(first on line 2\)/ },
  ];
  for (const c of invalid)
    test(`invalid: ${c.name} (nothing written)`, () => {
      const db = openDb(":memory:");
      const f = csv(dir, "bad.csv", c.text);
      expect(() => importDatasetCsv(db, f, { table: "widgets", source: "TEST" })).toThrow(DatasetError);
      expect(() => importDatasetCsv(db, f, { table: "widgets", source: "TEST" })).toThrow(c.message);
      expect(count(db)).toBe(0);
    });

  test("every bad row is reported, one line each", () => {
    const db = openDb(":memory:");
    const f = csv(dir, "bad.csv", "state_code,year,widgets\nZZ,2024,1\nCA,2024,x\nNY,2024,3\n");
    try {
      importDatasetCsv(db, f, { table: "widgets", source: "TEST" });
      expect.unreachable();
    } catch (e) {
      expect((e as DatasetError).problems).toEqual([`${f}:2: unknown state "ZZ"`, `${f}:3: non-numeric value "x" in column widgets`]);
    }
  });

  test("valid import adds a table; quoted fields and thousands separators are read", () => {
    const db = openDb(":memory:");
    ensureDataset(db, "data/fiscal");
    const f = csv(dir, "good.csv", 'state_code,state_name,year,widgets,notes\nCA,California,2024,"1,300","a note, with a comma"\nny,New York,2024,7,\n');
    expect(importDatasetCsv(db, f, { table: "widgets", source: "TEST" })).toEqual({ table: "widgets", source: "TEST", rows: 2, replaced: 0 });
    const t = listDataset(db).tables.find((x) => x.table === "widgets")!;
    expect(t).toMatchObject({ rows: 2, years: [2024], metrics: ["widgets"], sources: [{ id: "TEST", rows: 2, years: [2024], origin: "import" }] });
    expect(rowsFor(loadDataset(db).index!, "widgets", "CA")[0].value).toBe(1300);
    expect(listDataset(db).sources.find((s) => s.id === "TEST")?.notes).toMatch(/added by dataset import/);
  });

  test("re-import replaces only that source's rows of that table", () => {
    const db = openDb(":memory:");
    ensureDataset(db, "data/fiscal");
    const popBefore = count(db, "table_name = 'population'");
    const censusBefore = count(db, "table_name = 'population' AND source_id = 'CENSUS_2020_APPORTIONMENT'");
    // Same source, another table: must survive a re-import of the population table.
    importDatasetCsv(db, csv(dir, "w.csv", "state_code,year,widgets\nCA,2024,5\n"), { table: "widgets", source: "CENSUS_V2024_NST_EST" });
    const f = csv(dir, "pop.csv", "state_code,year,population,kind\nCA,2025,39500000,estimate\nWY,2025,590000,estimate\n");
    const r = importDatasetCsv(db, f, { table: "population", source: "CENSUS_V2024_NST_EST" });
    expect(r).toMatchObject({ rows: 2, replaced: 260 });
    expect(count(db, "table_name = 'population' AND source_id = 'CENSUS_V2024_NST_EST'")).toBe(2);
    expect(count(db, "table_name = 'population' AND source_id = 'CENSUS_2020_APPORTIONMENT'")).toBe(censusBefore);
    expect(count(db, "table_name = 'population'")).toBe(popBefore - 260 + 2);
    expect(count(db, "table_name = 'widgets' AND source_id = 'CENSUS_V2024_NST_EST'")).toBe(1);
    // Importing the same file again changes nothing.
    expect(importDatasetCsv(db, f, { table: "population", source: "CENSUS_V2024_NST_EST" })).toMatchObject({ rows: 2, replaced: 2 });
    expect(count(db, "table_name = 'population'")).toBe(popBefore - 260 + 2);
  });

  test("bad table or source names are refused", () => {
    const db = openDb(":memory:");
    const f = csv(dir, "ok.csv", "state_code,year,widgets\nCA,2024,1\n");
    expect(() => importDatasetCsv(db, f, { table: "Bad Table", source: "X" })).toThrow(/bad table name/);
    expect(() => importDatasetCsv(db, join(dir, "missing.csv"), { table: "t", source: "X" })).toThrow(/no such file/);
  });
});
