import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { openDb, type DB } from "../../src/store/open.js";
import { collectFiles, runBatch } from "../../src/batch.js";
import { ensureDataset } from "../../src/store/dataset.js";
import { startServer, type RunningServer } from "../../src/web/server.js";
import { cli } from "../helpers/cli.js";
import { IMG_TEXT, SCRIPT_TEXT } from "./fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = "output/screenshots";
const XSS_EPISODE = "zz_markup_in_speech";

if (!HAVE_CHROMIUM) process.stderr.write(`browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install chromium); nothing was tested in a browser\n`);

/** A small transcript with markup in the speech, in the plain caption format. */
const XSS_TRANSCRIPT = `Markup Test Hour
- Welcome back to the programme. Today we talk about state budgets and taxes.
- Thanks for having me. ${SCRIPT_TEXT} California got $0.91 for every dollar it sent to Washington in 2022.
- A listener writes: ${IMG_TEXT} taxes in Ohio rose 15% last year, the highest rise in the country.
- That is right, and the state deficit doubled between 2019 and 2023.
`;

describe.skipIf(!HAVE_CHROMIUM)(`review pages in a real browser (${HAVE_CHROMIUM ? CHROMIUM : `SKIPPED: ${CHROMIUM} missing`})`, () => {
  let dir: string;
  let dbFile: string;
  let db: DB;
  let server: RunningServer;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let resolvedId = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "claimcast-browser-"));
    const input = join(dir, "in");
    mkdirSync(input);
    for (const f of readdirSync("transcripts")) copyFileSync(join("transcripts", f), join(input, f));
    writeFileSync(join(input, `${XSS_EPISODE}.txt`), XSS_TRANSCRIPT);
    dbFile = join(dir, "claimcast.db");
    db = openDb(dbFile);
    // As `claimcast run` does: load the shipped fiscal dataset so claims get linked.
    ensureDataset(db, "data/fiscal");
    const results = await runBatch(collectFiles([input]).files, { db, jobs: 1 });
    expect(results.filter((r) => r.status === "failed")).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([
      startServer(db, { host: "127.0.0.1", port: 0, log: (l) => problems.push(l) }),
      // A fresh profile folder per run (launchPersistentContext is how playwright takes --user-data-dir).
      chromium.launchPersistentContext(join(dir, "chromium-profile"), {
        executablePath: CHROMIUM,
        viewport: { width: 1280, height: 860 },
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      }),
    ]);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("queue page: set my name, move with j/k, open a claim with Enter", async () => {
    await page.goto(server.url + "/");
    await page.getByLabel("Your name").fill("Ana Tester");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("header").innerText()).toContain("Ana Tester");
    const rows = page.locator("tr[data-nav]");
    expect(await rows.count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${SHOTS}/queue.png` });
    // Filter to claims linked to the dataset (when the pipeline linked any), so the claim page has figures.
    await page.getByLabel("linked to the dataset").check();
    await Promise.all([page.waitForURL(/linked=1/), page.getByRole("button", { name: "Filter" }).click()]);
    if ((await rows.count()) === 0) await page.goto(server.url + "/");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await expect.poll(() => rows.nth(0).getAttribute("class")).toBe("sel");
    const href = await rows.nth(0).locator("a").first().getAttribute("href");
    await Promise.all([page.waitForURL(server.url + href!), page.keyboard.press("Enter")]);
    resolvedId = decodeURIComponent(href!.replace("/claims/", ""));
    await expect.poll(() => page.locator("h2", { hasText: "In the transcript" }).count()).toBe(1);
  });

  test("claim page: claim it, resolve it, and the CLI lists it as resolved", async () => {
    await page.getByRole("button", { name: "Claim for me" }).click();
    await expect.poll(() => page.locator(".flash.ok").innerText()).toContain("The item is yours now.");
    expect(await page.locator(".panel", { hasText: "Claimed by" }).innerText()).toContain("Ana Tester");
    await page.getByLabel("Verdict").selectOption("mostly-false");
    await page.getByLabel("Note (why)").fill("The recorded figure is lower than claimed.");
    await page.getByLabel(/Source URLs/).fill("https://example.org/fiscal-table");
    await page.screenshot({ path: `${SHOTS}/claim.png`, fullPage: true });
    await page.getByRole("button", { name: "Save verdict" }).click();
    await expect.poll(() => page.locator(".flash.ok").innerText()).toContain("Verdict saved.");

    const r = cli(["queue", "list", "--status", "resolved", "--json", "--db", dbFile]);
    expect(r.stderr).toBe("");
    const listed = JSON.parse(r.stdout) as { id: string; verdict: string; resolved_by: string }[];
    expect(listed).toContainEqual(expect.objectContaining({ id: resolvedId, verdict: "mostly-false", resolved_by: "Ana Tester" }));
    // ClaimReview carries published verdicts only: publish the one just saved.
    expect(cli(["queue", "publish", resolvedId, "--as", "Desk Editor", "--db", dbFile]).status).toBe(0);
    const review = cli(["export", "queue", "--format", "claimreview", "--org", "Test Desk", "--base-url", "https://example.org/checks", "--db", dbFile]);
    expect(review.status).toBe(0);
    expect(review.stdout).toMatch(/mostly-false|Mostly false/i);
    expect(review.stdout).toContain("The recorded figure is lower than claimed.");
  });

  test("episode page: rename a speaker, and export turns shows the new name", async () => {
    await page.goto(`${server.url}/episodes/${XSS_EPISODE}`);
    const first = page.locator(".speakers li").first();
    const oldName = (await first.locator(".spk").innerText()).trim();
    await first.locator("summary", { hasText: "Rename" }).click();
    await first.getByLabel(`New name for ${oldName}`).fill("Robin Presenter");
    await first.getByLabel("Role").selectOption("host");
    await first.getByRole("button", { name: "Rename" }).click();
    await expect.poll(() => page.locator(".flash.ok").innerText()).toContain("Speaker renamed");
    // Give the last turn to another speaker, so the page shows two colours.
    const last = page.locator(".turn").last();
    await last.locator("summary", { hasText: "Change speaker" }).click();
    await last.getByLabel("Speaker of this turn").fill("Sam Guest");
    await last.getByLabel("Role").selectOption("guest");
    await last.getByRole("button", { name: "Move turn" }).click();
    await expect.poll(() => page.locator(".flash.ok").innerText()).toContain("Turn moved");
    await page.screenshot({ path: `${SHOTS}/episode.png`, fullPage: true });

    const r = cli(["export", "turns", "--episode", XSS_EPISODE, "--json", "--db", dbFile]);
    expect(r.stderr).toBe("");
    const turns = JSON.parse(r.stdout) as { speaker: string; role: string }[];
    expect(turns.some((t) => t.speaker === "Robin Presenter" && t.role === "host")).toBe(true);
    expect(turns.at(-1)).toMatchObject({ speaker: "Sam Guest", role: "guest" });
    expect(turns.some((t) => t.speaker === oldName)).toBe(false);
  });

  test("markup in a transcript renders as inert text", async () => {
    await page.goto(`${server.url}/episodes/${XSS_EPISODE}`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect.poll(() => page.getByText(SCRIPT_TEXT, { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(IMG_TEXT, { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.locator("main img, main script").count()).toBe(0);
    await page.goto(`${server.url}/?q=${encodeURIComponent("California got $0.91")}&status=all`);
    const link = page.locator("tr[data-nav] a").first();
    if (await link.count()) {
      await link.click();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
    expect(problems).toEqual([]);
  });
});
