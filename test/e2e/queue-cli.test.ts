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
  });
});
