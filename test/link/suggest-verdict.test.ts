import { describe, expect, test } from "vitest";
import { judge, roundTo, suggestVerdict, type Comparison } from "../../src/link/suggest-verdict.js";

const base = { label: "Source" };
const cases: { name: string; c: Comparison; verdict: string }[] = [
  { name: "equal", c: { ...base, recorded: 2.53, claimed: 2.53, claimedDecimals: 2 }, verdict: "matches" },
  { name: "within 2%", c: { ...base, recorded: 100, claimed: 101.9 }, verdict: "matches" },
  { name: "equal at the claim's rounding (67 vs 67.10)", c: { ...base, recorded: 67.104, claimed: 67, claimedDecimals: 0 }, verdict: "matches" },
  { name: "2.1% off is close", c: { ...base, recorded: 0.95, claimed: 0.93, claimedDecimals: 2, pivot: 1 }, verdict: "close" },
  { name: "share 15 vs 13.82 is close", c: { ...base, recorded: 13.82, claimed: 15, claimedDecimals: 0 }, verdict: "close" },
  { name: "more than 10% is off", c: { ...base, recorded: 0.88, claimed: 0.99, claimedDecimals: 2, pivot: 1 }, verdict: "off" },
  { name: "other side of the pivot is contradicted", c: { ...base, recorded: 1.37, claimed: 0.91, claimedDecimals: 2, pivot: 1 }, verdict: "contradicted" },
  { name: "donor claimed, taker recorded", c: { ...base, recorded: 342, claimed: null, kind: "direction", agrees: false }, verdict: "contradicted" },
  { name: "rank same place", c: { ...base, recorded: 1, claimed: 1, kind: "rank" }, verdict: "matches" },
  { name: "rank one place apart", c: { ...base, recorded: 2, claimed: 1, kind: "rank" }, verdict: "close" },
  { name: "rank far apart", c: { ...base, recorded: 1, claimed: 4, kind: "rank" }, verdict: "off" },
];

describe("judge", () => {
  for (const x of cases) test(x.name, () => expect(judge(x.c).verdict).toBe(x.verdict));
  test("relative difference is (claimed − recorded) / |recorded|", () => {
    expect(judge({ ...base, recorded: 0.95, claimed: 0.93 }).rel).toBeCloseTo(-0.02105, 4);
  });
  test("roundTo has no binary noise", () => expect(roundTo(2.025, 2)).toBe(2.03));
});

describe("suggestVerdict", () => {
  test("best source per subject, every source side by side", () => {
    const s = suggestVerdict([
      { subject: "New York", judged: [judge({ label: "SmartAsset 2022", recorded: 0.56, claimed: 0.93 }), judge({ label: "Rockefeller 2022", recorded: 0.95, claimed: 0.93 })] },
    ]);
    expect(s.verdict).toBe("close");
    expect(s.reason).toMatch(/^New York, claimed 0\.93: close to Rockefeller 2022 \(0\.95, -2\.1%\); SmartAsset 2022 gives 0\.56 \(\+66\.1%, off\)$/);
  });
  test("the weakest subject decides; subjects without data are named", () => {
    const s = suggestVerdict([
      { subject: "Mississippi", judged: [judge({ label: "SmartAsset 2022", recorded: 2.53, claimed: 2.53 })] },
      { subject: "California", judged: [judge({ label: "SmartAsset 2022", recorded: 0.43, claimed: 0.99 })] },
      { subject: "Alabama", judged: [], missing: "no 2022 figure" },
    ]);
    expect(s.verdict).toBe("off");
    expect(s.reason).toContain("Alabama: no data (no 2022 figure)");
  });
  test("no data anywhere", () => expect(suggestVerdict([{ subject: "Alabama", judged: [] }]).verdict).toBe("no data"));
});
