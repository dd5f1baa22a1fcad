import { beforeAll, describe, expect, test } from "vitest";
import { join } from "node:path";
import { openDb } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { cli, tempDir } from "../helpers/cli.js";
import { makeRecord } from "../queue/fixtures.js";

const LONG = "California sends far more to Washington in federal taxes than it ever gets back in federal spending, every single year.";

describe("claimcast queue, digest and export queue", () => {
  let db: string;
  let ids: Record<string, string>;
  beforeAll(() => {
    db = join(tempDir(), "q.db");
    const h = openDb(db);
    const today = new Date().toISOString().slice(0, 10);
    writeEpisode(
      h,
      makeRecord(
        "ep_cli",
        [
          { text: "New Jersey got back $0.91 for every dollar in 2022.", claimant: "Clara Jeffery", topics: ["taxes"], score: 0.9, time: 75 },
          { text: LONG, claimant: "John Michaels", topics: ["taxes"], score: 0.7 },
          { text: "Mississippi received $2.53 for every dollar it sent.", claimant: "unknown", score: 0.6, time: null },
          { text: "Unemployment will double by 2030.", type: "prediction", score: 0.95 },
        ],
        { air_date: today, title: "Soft Secession" },
      ),
    );
    ids = Object.fromEntries((h.prepare("SELECT q.claim_id, c.text FROM queue_items q JOIN claims c ON c.id = q.claim_id").all() as { claim_id: string; text: string }[]).map((r) => [r.text.split(" ")[0], r.claim_id]));
    h.close();
  });
  const hashOf = (id: string) => id.split(":")[1].slice(0, 6);

  test("every queue subcommand has --help with an example", () => {
    for (const sub of ["list", "next", "show", "assign", "release", "skip", "resolve", "reopen", "publish", "match", "stats", "history"]) {
      const r = cli(["queue", sub, "--help"]);
      expect(r.status, sub).toBe(0);
      expect(r.stdout, sub).toMatch(/Example:\n\s+claimcast queue/);
      expect(r.stdout, sub).toMatch(/--db/);
      expect(r.stdout, sub).toMatch(/--json/);
    }
    expect(cli(["digest", "--help"]).stdout).toMatch(/Example:/);
    expect(cli(["export", "queue", "--help"]).stdout).toMatch(/claimreview/);
  });

  test("resolve, publish, conflicts and exit codes", () => {
    const nj = hashOf(ids.New);
    const r = cli(["queue", "resolve", nj, "--verdict", "false", "--note", "Treasury says 0.91 is right but for 2021", "--source", "https://example.org/nj", "--as", "ana", "--db", db, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const item = JSON.parse(r.stdout);
    expect(item).toMatchObject({ id: ids.New, status: "resolved", verdict: "false", resolved_by: "ana", sources: ["https://example.org/nj"] });
    // Optimistic concurrency: a stale updated_at is refused (exit 1), the current one works.
    const stale = cli(["queue", "resolve", nj, "--verdict", "true", "--note", "x", "--expect-updated-at", "2000-01-01T00:00:00.000Z", "--db", db]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/was changed at .* reload it/);
    expect(cli(["queue", "publish", nj, "--as", "ed", "--expect-updated-at", item.updated_at, "--db", db]).status).toBe(0);
    const locked = cli(["queue", "resolve", nj, "--verdict", "true", "--note", "x", "--db", db]);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/published verdict .* reopen/);
    expect(cli(["queue", "resolve", nj, "--verdict", "pants-on-fire", "--note", "x", "--db", db]).status).toBe(2);
    expect(cli(["queue", "show", "ffffffffff", "--db", db]).stderr).toMatch(/no queue item 'ffffffffff'/);
    expect(cli(["queue", "show", "ffffffffff", "--db", db]).status).toBe(2);
    const shown = cli(["queue", "show", nj, "--db", db]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/Priority: [\d.]+ = 100 × /);
    expect(shown.stdout).toMatch(/Context:/);
    expect(shown.stdout).toMatch(/History:[\s\S]*resolve[\s\S]*publish/);
    const hist = JSON.parse(cli(["queue", "history", nj, "--json", "--db", db]).stdout);
    expect(hist.map((h: { action: string }) => h.action)).toEqual(["create", "resolve", "publish"]);
  });

  test("queue next hands out the top open item (predictions included), then exits 3 when empty", () => {
    const open = JSON.parse(cli(["queue", "list", "--status", "open", "--json", "--db", db]).stdout);
    expect(open.map((i: { id: string }) => i.id)).toContain(ids.Unemployment);
    const got: string[] = [];
    for (;;) {
      const r = cli(["queue", "next", "--as", "bo", "--json", "--db", db]);
      if (r.status === 3) {
        expect(r.stdout.trim()).toBe("null");
        expect(r.stderr).toMatch(/queue is empty/);
        break;
      }
      expect(r.status).toBe(0);
      got.push(JSON.parse(r.stdout).id);
    }
    expect(got).toEqual(open.map((i: { id: string }) => i.id)); // highest priority first
    expect(got).toHaveLength(3);
    const stats = JSON.parse(cli(["queue", "stats", "--json", "--db", db]).stdout);
    expect(stats.by_status).toMatchObject({ claimed: 3, resolved: 1 });
    expect(stats.to_first_verdict_hours.n).toBe(1);
  });

  test("export queue --format claimreview writes ClaimReview JSON-LD with the required fields", () => {
    cli(["queue", "resolve", hashOf(ids.California), "--verdict", "mostly-true", "--note", "IRS and BEA data agree", "--as", "bo", "--db", db]);
    cli(["queue", "resolve", hashOf(ids.Mississippi), "--verdict", "unverifiable", "--note", "no source", "--as", "bo", "--db", db]);
    // Only published verdicts are reviews: the two resolved, unpublished ones are left out until published.
    const before = cli(["export", "queue", "--format", "claimreview", "--org", "KQED Fact Desk", "--base-url", "https://example.org/checks/", "--db", db]);
    expect(before.status).toBe(0);
    expect(JSON.parse(before.stdout).map((x: { claimReviewed: string }) => x.claimReviewed)).toEqual([expect.stringMatching(/^New Jersey/)]);
    for (const k of ["California", "Mississippi"]) expect(cli(["queue", "publish", hashOf(ids[k]), "--as", "ed", "--db", db]).status).toBe(0);
    const missing = cli(["export", "queue", "--format", "claimreview", "--db", db], { env: { CLAIMCAST_ORG: "" } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--org/);
    const r = cli(["export", "queue", "--format", "claimreview", "--org", "KQED Fact Desk", "--base-url", "https://example.org/checks/", "--db", db]);
    expect(r.status).toBe(0);
    const reviews = JSON.parse(r.stdout);
    expect(reviews).toHaveLength(2);
    for (const cr of reviews) {
      expect(cr["@context"]).toBe("https://schema.org");
      expect(cr["@type"]).toBe("ClaimReview");
      expect(cr.claimReviewed).toEqual(expect.any(String));
      expect(cr.url).toMatch(/^https:\/\/example\.org\/checks\/ep_cli/);
      expect(cr.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const item = JSON.parse(cli(["queue", "show", cr.url.split("/").pop().replace(/%3A/g, ":"), "--json", "--db", db]).stdout).item;
    expect(item.published).toBe(true);
    expect(cr.datePublished).toBe(item.published_at.slice(0, 10));
      expect(cr.author).toEqual({ "@type": "Organization", name: "KQED Fact Desk" });
      expect(cr.itemReviewed["@type"]).toBe("Claim");
      expect(cr.itemReviewed.author["@type"]).toBe("Person");
      expect(cr.itemReviewed.appearance.name).toBe("Soft Secession");
      expect(cr.reviewRating).toMatchObject({ "@type": "Rating", ratingValue: expect.any(Number), bestRating: 5, worstRating: 1, alternateName: expect.any(String) });
    }
    const nj = reviews.find((x: { claimReviewed: string }) => x.claimReviewed.startsWith("New Jersey"));
    expect(nj.reviewRating).toMatchObject({ ratingValue: 1, alternateName: "false" });
    expect(nj.itemReviewed.author.name).toBe("Clara Jeffery");
    expect(nj.itemReviewed.appearance).toMatchObject({ "@type": "AudioObject", startOffset: 75 });
    expect(r.stderr).toMatch(/claimReviewed is \d+ characters \(over 75/);
    expect(r.stderr).toMatch(/skipped ep_cli:.*unverifiable/);
  });

  test("--expect-updated-at: not an instant is a usage error (2); the same instant as +00:00 is not a conflict", () => {
    const id = ids.Unemployment;
    const item = JSON.parse(cli(["queue", "show", id, "--json", "--db", db]).stdout).item;
    const bad = cli(["queue", "release", id, "--expect-updated-at", "garbage", "--db", db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("claimcast: --expect-updated-at 'garbage' is not an ISO 8601 instant (like 2026-12-07T10:00:00.000Z)\n");
    const same = cli(["queue", "release", id, "--expect-updated-at", item.updated_at.replace(/Z$/, "+00:00"), "--db", db, "--json"]);
    expect(same.stderr).toBe("");
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout).status).toBe("open");
  });

  test("queue list: an unknown episode or topic is a usage error (2, one line); published is a status", () => {
    const ep = cli(["queue", "list", "--episode", "bogus", "--db", db]);
    expect(ep.status).toBe(2);
    expect(ep.stderr).toBe("claimcast: no episode 'bogus' (see: claimcast episodes)\n");
    const topic = cli(["queue", "list", "--topic", "bogus", "--db", db]);
    expect(topic.status).toBe(2);
    expect(topic.stderr).toMatch(/^claimcast: unknown topic 'bogus' \(known: [a-z, -]*\btaxes\b[a-z, -]*\)\n$/);
    const ok = cli(["queue", "list", "--episode", "ep_cli", "--topic", "taxes", "--json", "--db", db]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(2);
    const pub = cli(["queue", "list", "--status", "published", "--json", "--db", db]);
    expect(pub.status).toBe(0);
    expect(JSON.parse(pub.stdout).map((i: { id: string }) => i.id).sort()).toEqual([ids.New, ids.California, ids.Mississippi].sort());
  });

  test("queue match: another number, scale or rank is not the same claim (the QA examples)", () => {
    const qa = join(tempDir(), "qa.db");
    const h = openDb(qa);
    writeEpisode(h, makeRecord("qa1", [
      { text: "Texas received $2 billion in federal disaster aid last year.", states: ["TX"] },
      { text: "Sixty percent of Texans support leaving the union.", states: ["TX"] },
      { text: "Texas is the fifth largest economy in the world.", states: ["TX"] },
    ]));
    writeEpisode(h, makeRecord("qa2", [
      { text: "Texas received $2 million in federal disaster aid last year.", states: ["TX"] },
      { text: "Ten percent of Texans support leaving the union.", states: ["TX"] },
      { text: "Texas is the fourth largest economy in the world.", states: ["TX"] },
    ]));
    const rows = h.prepare("SELECT claim_id, episode_id FROM queue_items ORDER BY claim_id").all() as { claim_id: string; episode_id: string }[];
    h.close();
    for (const r of rows.filter((x) => x.episode_id === "qa2")) expect(cli(["queue", "resolve", r.claim_id, "--verdict", "true", "--note", "checked", "--db", qa]).status).toBe(0);
    for (const r of rows.filter((x) => x.episode_id === "qa1")) {
      const m = cli(["queue", "match", r.claim_id, "--db", qa]);
      expect(m.status).toBe(0);
      expect(m.stdout).toBe("Similar claims: none\n");
    }
  });

  test("export queue csv/md/json and the digest", () => {
    const csv = cli(["export", "queue", "--format", "csv", "--db", db]);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split("\r\n")[0]).toMatch(/^id,episode,/);
    expect(csv.stdout.trim().split("\r\n")).toHaveLength(5);
    expect(cli(["export", "queue", "--format", "md", "--status", "resolved", "--db", db]).stdout).toMatch(/^\| Claim \|/);
    expect(JSON.parse(cli(["export", "queue", "--json", "--status", "resolved", "--db", db]).stdout)).toHaveLength(3);
    const md = cli(["digest", "--since", "24h", "--db", db]);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^# Fact-check digest/);
    expect(md.stdout).toMatch(/## Taxes/);
    expect(md.stdout).not.toMatch(/Unemployment will double/);
    expect(cli(["digest", "--since", "yesterday-ish", "--db", db]).status).toBe(2);
    const bogus = cli(["digest", "--topic", "bogus", "--db", db]);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/^claimcast: unknown topic 'bogus' \(known: .*taxes/);
    expect(cli(["digest", "--topic", "taxes", "--db", db]).status).toBe(0);
  });
});
