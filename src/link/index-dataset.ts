import type { Dataset, DatasetRow } from "./index.js";

/** Rows by metric, then by state; each list sorted by year, then source id, then variant. */
export type DatasetIndex = Map<string, Map<string, DatasetRow[]>>;

const cache = new WeakMap<DatasetRow[], DatasetIndex>();

/**
 * Index a dataset's rows by (metric, state), once per rows array (cached), so the linker never
 * scans all rows per claim. `loadDataset` calls it; the linker calls it again for datasets that
 * arrive without an index (worker threads receive plain rows).
 *
 * @example
 * indexDataset(dataset).get("population")?.get("CA"); // CA population rows, oldest first
 */
export function indexDataset(dataset: Pick<Dataset, "rows" | "index">): DatasetIndex {
  if (dataset.index) return dataset.index;
  const hit = cache.get(dataset.rows);
  if (hit) return hit;
  const index: DatasetIndex = new Map();
  for (const r of dataset.rows) {
    let byState = index.get(r.metric);
    if (!byState) index.set(r.metric, (byState = new Map()));
    const list = byState.get(r.state);
    if (list) list.push(r);
    else byState.set(r.state, [r]);
  }
  addDerivedReturns(index);
  for (const byState of index.values())
    for (const list of byState.values())
      list.sort((a, b) => a.year - b.year || a.sourceId.localeCompare(b.sourceId) || (a.variant ?? "").localeCompare(b.variant ?? ""));
  cache.set(dataset.rows, index);
  return index;
}

/**
 * Rows for one metric and state (empty when none).
 *
 * @example
 * rowsFor(index, "gdp_usd", "US").map((r) => r.year); // [2022, 2023, 2024]
 */
export function rowsFor(index: DatasetIndex, metric: string, state: string): DatasetRow[] {
  return index.get(metric)?.get(state) ?? [];
}

/**
 * Where a source gives federal receipts and expenditures for the same state, year and variant but
 * no return per dollar, add the return (expenditures ÷ receipts) as a derived `return_per_dollar`
 * row, so a "$X back for every dollar" claim can be set against it.
 */
function addDerivedReturns(index: DatasetIndex): void {
  const receipts = index.get("federal_receipts_usd");
  const spending = index.get("federal_expenditures_usd");
  if (!receipts || !spending) return;
  let returns = index.get("return_per_dollar");
  if (!returns) index.set("return_per_dollar", (returns = new Map()));
  for (const [state, recs] of receipts) {
    for (const rec of recs) {
      const exp = spending.get(state)?.find((e) => e.sourceId === rec.sourceId && e.year === rec.year && e.variant === rec.variant);
      if (!exp || rec.value <= 0) continue;
      const list = returns.get(state) ?? [];
      if (list.some((r) => r.sourceId === rec.sourceId && r.year === rec.year && r.variant === rec.variant)) continue;
      list.push({ ...rec, metric: "return_per_dollar", value: Math.round((exp.value / rec.value) * 1000) / 1000, derived: "derived: expenditures ÷ receipts, from the published (rounded) totals" });
      returns.set(state, list);
    }
  }
}
