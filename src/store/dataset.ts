import type { DB } from "./open.js";
import type { Dataset } from "../link/index.js";

/**
 * Load the fiscal dataset into the database if it is not there yet.
 * (Walking-skeleton version: nothing loaded.)
 */
export function ensureDataset(_db: DB, _dir: string): void {}

/** Read the dataset from the database into memory for the link stage. */
export function loadDataset(_db: DB): Dataset {
  return { rows: [], sources: new Map() };
}
