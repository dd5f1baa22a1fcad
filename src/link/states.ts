import { loadTaxonomy, type StateData } from "../claims/load-taxonomy.js";

/**
 * Code → display name from the states file's data: the states and DC by USPS code, then the
 * nation by its code under its first name.
 *
 * @example
 * stateNamesOf(loadTaxonomy().states).US; // "United States"
 */
export function stateNamesOf(data: StateData): Readonly<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const s of data.states) names[s.code] = s.name;
  names[data.nation.code] = data.nation.names[0];
  return names;
}

/**
 * USPS codes of the 50 states and DC with their names, plus `US` for the national total: from
 * `data/states.json`, the file the claims stage finds places with (read once, by
 * {@link loadTaxonomy}).
 */
export const STATE_NAMES: Readonly<Record<string, string>> = stateNamesOf(loadTaxonomy().states);

/**
 * True for the 50 states (not DC, not US): the set a "rank among states" is taken over.
 *
 * @example
 * isStateProper("CA"); // true
 * isStateProper("DC"); // false
 */
export function isStateProper(code: string): boolean {
  return code in STATE_NAMES && code !== "DC" && code !== "US";
}

/**
 * The display name of a state code or group id (`group:red-states` → "red states").
 *
 * @example
 * stateName("NY"); // "New York"
 */
export function stateName(code: string): string {
  if (code.startsWith("group:")) return code.slice(6).replace(/-/g, " ");
  return STATE_NAMES[code] ?? code;
}
