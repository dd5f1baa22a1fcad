import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { linkClaims, type ClaimLinks, type Dataset } from "../../src/link/index.js";
import { buildLinkConfig, type MetricCuesFile } from "../../src/link/link-config.js";
import type { Claim } from "../../src/core/types.js";
import { makeClaim, q, shippedDataset } from "./make-claim.js";

const AIR = "2025-11-14";
const cues = JSON.parse(readFileSync("data/fiscal/metric-cues.json", "utf8")) as MetricCuesFile;
const groups = JSON.parse(readFileSync("test/fixtures/link/state-groups.json", "utf8"));

/** The shipped rows with the shipped cues and the test fixture's state groups. */
function dataset(): Dataset {
  const d = shippedDataset();
  return { ...d, config: buildLinkConfig(cues, groups) };
}

function link(claims: Claim[], airDate = AIR): ClaimLinks[] {
  return linkClaims(claims, dataset(), { airDate });
}

const brief = (l: ClaimLinks) => l.links.map((x) => `${x.sourceId} ${x.state} ${x.year} ${x.metric} ${x.value}${x.claimed != null ? ` claimed ${x.claimed}` : ""}`);

describe("newsletter essay: six 2022 per-dollar figures", () => {
  // As the claims stage splits the paragraph: one claim per sentence or clause, year only on the first.
  const essay = [
    makeClaim("In 2022, New Jersey got back just $0.91 for every federal tax dollar it sent to Washington.", { states: ["NJ"], year: 2022, quantities: [q("year", 2022, "2022"), q("per-dollar", 0.91, "$0.91")], sentence: 0 }),
    makeClaim("New York got $0.93.", { states: ["NY"], quantities: [q("per-dollar", 0.93, "$0.93")], sentence: 1 }),
    makeClaim("California got $0.99.", { states: ["CA"], quantities: [q("per-dollar", 0.99, "$0.99")], sentence: 2 }),
    makeClaim("Meanwhile, Mississippi received $2.53 for every dollar it sent", { states: ["MS"], quantities: [q("per-dollar", 2.53, "$2.53")], sentence: 3 }),
    makeClaim("West Virginia $2.36", { states: ["WV"], quantities: [q("per-dollar", 2.36, "$2.36")], sentence: 4 }),
    makeClaim("Alabama $2.02", { states: ["AL"], quantities: [q("per-dollar", 2.02, "$2.02")], sentence: 5 }),
  ];
  const out = link(essay);
  const table: { state: string; verdict: string; links: string[]; reason: RegExp }[] = [
    { state: "NJ", verdict: "no data", links: [], reason: /New Jersey: no data \(no 2022 figure; return per dollar of federal taxes only for 2019, 2020, 2023\)/ },
    {
      state: "NY",
      verdict: "close",
      links: ["RIG2024 NY 2022 return_per_dollar 0.95 claimed 0.93", "WPR_FEDAID_SA NY 2022 federal_funding_per_income_tax_dollar 0.56 claimed 0.93"],
      reason: /close to Rockefeller Institute 2024 report 2022 return per dollar.*\(\$0\.95, -2\.1%\); SmartAsset \(via World Population Review\) 2022 funding per income-tax dollar gives \$0\.56/,
    },
    {
      state: "CA",
      verdict: "off",
      links: ["SISNEY2025 CA 2022 return_per_dollar 0.818 claimed 0.99", "SISNEY2025 CA 2022 return_per_dollar 0.88 claimed 0.99", "WPR_FEDAID_SA CA 2022 federal_funding_per_income_tax_dollar 0.43 claimed 0.99"],
      reason: /California, claimed \$0\.99: off from .*\(derived\).*SmartAsset .* gives \$0\.43/,
    },
    { state: "MS", verdict: "matches", links: ["SA2022_TEXT MS 2022 federal_funding_per_income_tax_dollar 2.53 claimed 2.53"], reason: /^Mississippi, claimed \$2\.53: matches SmartAsset 2022 funding per income-tax dollar \(\$2\.53\)/ },
    {
      state: "WV",
      verdict: "matches",
      links: ["DOMPOST2024 WV 2022 return_per_dollar 2.429 claimed 2.36", "SA2022_TEXT WV 2022 federal_funding_per_income_tax_dollar 2.36 claimed 2.36"],
      reason: /matches SmartAsset 2022 funding per income-tax dollar \(\$2\.36\); Dominion Post .* gives \$2\.43 \(-2\.8%, close\)/,
    },
    { state: "AL", verdict: "no data", links: [], reason: /Alabama: no data \(no 2022 figure/ },
  ];
  table.forEach((row, i) =>
    test(`${row.state}: ${row.verdict}`, () => {
      expect(brief(out[i])).toEqual(row.links);
      for (const l of out[i].links) {
        expect(l.year).toBe(2022);
        expect(l.state).toBe(row.state);
        expect(l.note).toMatch(/method: /);
      }
      expect(out[i].suggestion?.verdict).toBe(row.verdict);
      expect(out[i].suggestion?.reason).toMatch(row.reason);
    }),
  );
  test("later sentences say the year and metric were carried", () => {
    expect(out[1].links[0].note).toContain("year 2022 carried from an earlier sentence");
    expect(out[1].suggestion?.reason).toContain("metric carried from an earlier sentence");
  });

  test("the paragraph as one claim pairs each figure with its state", () => {
    const one = makeClaim("Meanwhile, Mississippi received $2.53 for every dollar it sent, West Virginia $2.36, and Alabama $2.02.", {
      states: ["MS", "WV", "AL"],
      year: 2022,
      quantities: [q("per-dollar", 2.53, "$2.53"), q("money", 2.36, "$2.36"), q("money", 2.02, "$2.02")],
    });
    const [r] = link([one]);
    expect(brief(r)).toEqual([
      "SA2022_TEXT MS 2022 federal_funding_per_income_tax_dollar 2.53 claimed 2.53",
      "DOMPOST2024 WV 2022 return_per_dollar 2.429 claimed 2.36",
      "SA2022_TEXT WV 2022 federal_funding_per_income_tax_dollar 2.36 claimed 2.36",
    ]);
    expect(r.suggestion?.verdict).toBe("matches");
    expect(r.suggestion?.reason).toMatch(/Mississippi.*matches.*West Virginia.*matches.*Alabama: no data/);
  });

  test("figures read from the text when the claim has no quantities yet", () => {
    const [r] = link([makeClaim("In 2022, Mississippi received $2.53 for every dollar it sent.", { states: ["MS"], year: 2022 })]);
    expect(r.links[0].claimed).toBe(2.53);
    expect(r.suggestion?.verdict).toBe("matches");
  });
});

describe("sample episode", () => {
  test("67 times the (population) of Wyoming: computed ratio, matches the 2024 estimate", () => {
    const [r] = link([makeClaim("California in particular, California, you know, has 67 times the of Wyoming, of the same number of senators.", { states: ["CA", "WY"], quantities: [q("ratio", 67, "67 times")] })]);
    expect(brief(r)).toEqual([
      "CENSUS_V2024_NST_EST CA 2024 population 39431263",
      "CENSUS_V2024_NST_EST WY 2024 population 587618",
      "CENSUS_V2024_NST_EST CA/WY 2024 population_ratio 67.104 claimed 67",
    ]);
    expect(r.links[2].note).toContain("no year named: latest on or before the air date 2025-11-14 (2024)");
    expect(r.suggestion?.verdict).toBe("matches");
    expect(r.suggestion?.reason).toContain("assumed population");
  });

  test("with the word population and a named year", () => {
    const [r] = link([makeClaim("In 2020 California had 67 times the population of Wyoming.", { states: ["CA", "WY"], year: 2020, quantities: [q("ratio", 67, "67 times")] })]);
    const derived = r.links.filter((l) => l.metric === "population_ratio").map((l) => `${l.sourceId} ${l.value}`);
    expect(derived).toEqual(["CENSUS_2020_APPORTIONMENT 68.541", "CENSUS_V2024_NST_EST 68.415"]);
    expect(r.suggestion?.reason).not.toContain("assumed");
  });

  test("15% of America's GDP: computed share of US GDP, close", () => {
    const [r] = link([makeClaim("California alone is like 15% of America's GDP.", { states: ["CA", "US"], quantities: [q("percent", 15, "15%")] })]);
    expect(brief(r)).toEqual([
      "BEA_SAGDP1_2025_09 CA 2024 gdp_usd 4048108100000",
      "BEA_SAGDP1_2025_09 US 2024 gdp_usd 29298013000000",
      "BEA_SAGDP1_2025_09 CA/US 2024 gdp_usd_share_of_us_pct 13.82 claimed 15",
    ]);
    expect(r.suggestion).toEqual({
      verdict: "close",
      reason: "California share of US GDP, claimed 15%: close to BEA state GDP (Sept 2025) 2024 (13.82%, +8.6%) [+1.2 percentage points against BEA state GDP (Sept 2025) 2024]",
    });
  });

  test("fourth largest economy in the world: no data, says why", () => {
    const [r] = link([makeClaim("We are the fourth largest economy in the world.", { states: ["CA"], quantities: [q("rank", 4, "fourth")] })]);
    expect(r.links).toEqual([]);
    expect(r.suggestion?.verdict).toBe("no data");
    expect(r.suggestion?.reason).toMatch(/world economies.*US states only/);
  });

  test("claims with no state or no metric get no link", () => {
    const out = link([
      makeClaim("Actual secession is a legal and logistical impossibility."),
      makeClaim("There was the six Californias ballot initiative in 2013.", { states: ["CA"], year: 2013, quantities: [q("count", 6, "six")] }),
      makeClaim("The U.S. Constitution provides no pathway for states to leave the Union.", { states: ["US"] }),
      makeClaim("A deeper issue of high population states.", {}),
    ]);
    for (const r of out) expect(r).toEqual({ links: [], suggestion: null });
  });
});

describe("link kinds (hand-made claims)", () => {
  const cases: { name: string; claim: Claim; verdict: string | null; links: number; expect?: (r: ClaimLinks) => void }[] = [
    {
      name: "rank among states",
      claim: makeClaim("California is the largest economy of any state.", { states: ["CA"] }),
      verdict: "matches",
      links: 2,
      expect: (r) => expect(r.links[1]).toMatchObject({ metric: "gdp_usd_rank_among_states", value: 1, claimed: 1 }),
    },
    {
      name: "rank off by more than one",
      claim: makeClaim("Texas is the fourth largest economy among the states.", { states: ["TX"], quantities: [q("rank", 4, "fourth")] }),
      verdict: "off",
      links: 2,
      expect: (r) => expect(r.links[1]).toMatchObject({ value: 2, claimed: 4 }),
    },
    {
      name: "donor state, by balance of payments",
      claim: makeClaim("New Jersey is a donor state.", { states: ["NJ"] }),
      verdict: "matches",
      links: 5,
      expect: (r) => expect(r.links.every((l) => l.year === 2023)).toBe(true),
    },
    {
      name: "donor wording from the sample episode: pays more in than its citizens get back",
      claim: makeClaim("California pays more into the federal government than our citizens get back in any kind of government benefits.", { states: ["CA"] }),
      verdict: "matches",
      links: 5,
      expect: (r) => expect(r.suggestion?.reason).toMatch(/matches .*-\$16\.8B.*contradicts/),
    },
    {
      name: "donor claim on a taker state is contradicted",
      claim: makeClaim("Mississippi is a donor state.", { states: ["MS"] }),
      verdict: "contradicted",
      links: 2,
      expect: (r) => expect(brief(r)).toEqual(["RIG2025_T6_CHEATSHEETS MS 2023 balance_per_capita_usd 11714", "OSC_FFY2019 MS 2019 return_per_dollar 2.5"]),
    },
    {
      name: "balance in dollars with a named year",
      claim: makeClaim("In 2022 California was an $83 billion donor.", { states: ["CA"], year: 2022, quantities: [q("money", 83e9, "$83 billion")] }),
      verdict: "matches",
      links: 4,
      expect: (r) => expect(r.links.find((l) => l.sourceId === "SISNEY2025" && l.metric === "balance_usd" && l.value === -83.1e9)?.claimed).toBe(-83e9),
    },
    {
      name: "group claim over the state grouping",
      claim: makeClaim("Red states take more than they give.", { states: ["group:red-states"] }),
      verdict: "matches",
      links: 1,
      expect: (r) => expect(r.links[0]).toMatchObject({ sourceId: "RIG2025_T6_CHEATSHEETS", state: "group:red-states", year: 2023, metric: "balance_per_capita_usd_members_taker_pct", value: 100 }),
    },
    {
      name: "two groups, two directions",
      claim: makeClaim("Blue states have been net donors, while most red states have been net takers.", { states: ["group:blue-states", "group:red-states", "group:donor-states"] }),
      verdict: "close",
      links: 2,
      expect: (r) => expect(r.suggestion?.reason).toMatch(/blue states as donors: close to .*3 of 5.*red states as takers: matches .*6 of 6/),
    },
    {
      name: "a group the groups file does not define gets no link",
      claim: makeClaim("Swing states take more than they give.", { states: ["group:swing-states"] }),
      verdict: null,
      links: 0,
    },
    {
      name: "per-dollar claim with no year uses the latest year before the air date",
      claim: makeClaim("New York gets back $1.06 for every dollar it sends.", { states: ["NY"], quantities: [q("per-dollar", 1.06, "$1.06")] }),
      verdict: "matches",
      links: 2,
      expect: (r) => {
        expect(brief(r)).toEqual(["OSC_FFY2023 NY 2023 return_per_dollar 1.06 claimed 1.06", "WPR_FEDAID_SA NY 2022 federal_funding_per_income_tax_dollar 0.56 claimed 1.06"]);
        expect(r.suggestion?.reason).toMatch(/gives \$0\.56 \(\+89\.3%, contradicted\)/);
      },
    },
    {
      name: "metric and state but no figure: links, no suggestion",
      claim: makeClaim("California's population is shrinking.", { states: ["CA"] }),
      verdict: null,
      links: 1,
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const [r] = link([c.claim]);
      expect(r.suggestion?.verdict ?? null).toBe(c.verdict);
      expect(r.links).toHaveLength(c.links);
      c.expect?.(r);
    });

  test("an empty dataset links nothing", () => {
    const r = linkClaims([makeClaim("New Jersey is a donor state.", { states: ["NJ"] })], { rows: [], sources: new Map() }, { airDate: AIR });
    expect(r).toEqual([{ links: [], suggestion: null }]);
  });

  test("a dataset without an index or config (as worker threads receive it) still links", () => {
    const d = shippedDataset();
    const plain: Dataset = { rows: d.rows, sources: d.sources };
    const [r] = linkClaims([makeClaim("Mississippi received $2.53 for every dollar in 2022.", { states: ["MS"], year: 2022, quantities: [q("per-dollar", 2.53, "$2.53")] })], plain, { airDate: AIR });
    expect(r.suggestion?.verdict).toBe("matches");
  });

  test("1,000 episodes' worth of claims link quickly", () => {
    const claims = Array.from({ length: 5000 }, (_, i) => makeClaim("New York got $0.93 for every dollar in 2022.", { states: ["NY"], year: 2022, quantities: [q("per-dollar", 0.93, "$0.93")], sentence: i }));
    const t = performance.now();
    link(claims);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
