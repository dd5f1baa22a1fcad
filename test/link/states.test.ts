import { describe, expect, test } from "vitest";
import { isStateProper, stateName, stateNamesOf, STATE_NAMES } from "../../src/link/states.js";

/** The table src/link/states.ts kept by hand before it was read from data/states.json. */
const FORMER_TABLE: Record<string, string> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
  CT: "Connecticut", DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia", HI: "Hawaii",
  ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky",
  LA: "Louisiana", ME: "Maine", MD: "Maryland", MA: "Massachusetts", MI: "Michigan", MN: "Minnesota",
  MS: "Mississippi", MO: "Missouri", MT: "Montana", NE: "Nebraska", NV: "Nevada", NH: "New Hampshire",
  NJ: "New Jersey", NM: "New Mexico", NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio",
  OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota",
  TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington",
  WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming", US: "United States",
};

describe("STATE_NAMES", () => {
  test("read from data/states.json, it is the table the linker kept by hand", () => {
    expect({ ...STATE_NAMES }).toEqual(FORMER_TABLE);
  });

  test("the nation under its first name, after the states", () => {
    const names = stateNamesOf({ states: [{ code: "XX", name: "Exland", demonyms: [] }], nation: { code: "US", names: ["United States", "America"], demonyms: [] } });
    expect(names).toEqual({ XX: "Exland", US: "United States" });
  });

  test("isStateProper and stateName", () => {
    expect([isStateProper("CA"), isStateProper("DC"), isStateProper("US"), isStateProper("XX")]).toEqual([true, false, false, false]);
    expect([stateName("NY"), stateName("DC"), stateName("US"), stateName("group:red-states"), stateName("ZZ")]).toEqual(["New York", "District of Columbia", "United States", "red states", "ZZ"]);
    expect(Object.keys(STATE_NAMES).filter(isStateProper)).toHaveLength(50);
  });
});
