/** USPS codes of the 50 states and DC with their names, plus `US` for the national total. */
export const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
  CT: "Connecticut", DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia",
  HI: "Hawaii", ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas",
  KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland", MA: "Massachusetts",
  MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
  NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico",
  NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma",
  OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota",
  TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington",
  WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming", US: "United States",
};

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
