import { beforeEach, describe, expect, test } from "vitest";
import { mkdtempSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type DB } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { exportClaims, exportTurns } from "../../src/store/exports.js";
import { addCorrection, turnKey } from "../../src/store/corrections.js";
import { resolveItem, showItem } from "../../src/queue/workflow.js";
import { createApp } from "../../src/web/app.js";
import { html } from "../../src/web/html.js";
import { handMadeRecord, IMG_TEXT, SCRIPT_TEXT } from "./fixture.js";
import { BIN, cli } from "../helpers/cli.js";

type App = ReturnType<typeof createApp>;

/** A browser-like client for `app.request`: keeps cookies, reads the CSRF token from pages. */
class Client {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(
    readonly app: App,
    readonly headers: Record<string, string> = {},
  ) {}
  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  async get(path: string): Promise<{ res: Response; body: string }> {
    const res = await this.app.request(path, { headers: { ...this.headers, cookie: this.cookieHeader() } });
    this.keep(res);
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1];
    return { res, body };
  }
  async post(path: string, form: Record<string, string>, opts: { csrf?: boolean } = {}): Promise<{ res: Response; body: string }> {
    const data = new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: this.csrf }), ...form });
    const res = await this.app.request(path, {
      method: "POST",
      body: data.toString(),
      headers: { ...this.headers, cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
    });
    this.keep(res);
    return { res, body: await res.text() };
  }
  async login(name: string) {
    await this.get("/");
    const r = await this.post("/me", { name, back: "/" });
    expect(r.res.status).toBe(303);
  }
}

function updatedAtIn(body: string): string {
  return /name="updated_at" value="([^"]+)"/.exec(body)![1];
}

const enc = encodeURIComponent;
let dir: string;
let db: DB;
let app: App;
let claimId: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "claimcast-web-"));
  db = openDb(":memory:");
  writeEpisode(db, handMadeRecord(dir));
  app = createApp(db, { log: () => {} });
  claimId = exportClaims(db).find((c) => c.text.startsWith("Our state"))!.id;
});

describe("html template", () => {
  test("escapes every interpolation, keeps nested html, drops null and booleans", () => {
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p title="${'"x"'}">${SCRIPT_TEXT}${inner}${null}${false}${[1, "&"]}</p>`.value).toBe(
      '<p title="&quot;x&quot;">&lt;script&gt;window.__pwned=1&lt;/script&gt;<b>&lt;i&gt;</b>1&amp;</p>',
    );
  });
});

describe("pages", () => {
  test("the queue lists items with counts and security headers", async () => {
    const c = new Client(app);
    const { res, body } = await c.get("/");
    expect(res.status).toBe(200);
    expect(body).toContain("Our state got $0.91");
    expect(body).toMatch(/open <strong>3<\/strong>/);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(body).toContain(`<script nonce="${nonce}">`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  test("filters: search, linked to the dataset, status", async () => {
    const c = new Client(app);
    expect((await c.get("/?q=deficit")).body).toContain("deficit doubled");
    expect((await c.get("/?q=deficit")).body).not.toContain("Our state got");
    const linked = (await c.get("/?linked=1")).body;
    expect(linked).toContain("Our state got");
    expect(linked).not.toContain("deficit doubled");
    expect((await c.get("/?status=resolved")).body).toContain("No items match");
  });

  test("transcript markup is escaped on the claim and episode pages", async () => {
    const c = new Client(app);
    for (const path of [`/claims/${enc(claimId)}`, "/episodes/web-fixture"]) {
      const { res, body } = await c.get(path);
      expect(res.status).toBe(200);
      expect(body).not.toContain(SCRIPT_TEXT);
      expect(body).not.toContain("<img src=x");
      expect(body).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    }
    const other = exportClaims(db).find((x) => x.text.startsWith("Taxes rose"))!.id;
    const { body } = await c.get(`/claims/${enc(other)}`);
    expect(body).toContain("&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;");
    expect(body).not.toContain(IMG_TEXT);
  });

  test("the claim page shows context, the dataset row with claimed vs recorded, and the listener", async () => {
    const c = new Client(app);
    const { body } = await c.get(`/claims/${enc(claimId)}`);
    expect(body).toContain("<mark>Our state got $0.91 for every dollar it sent in 2022.</mark>");
    expect(body).toMatch(/0\.91<\/td><td class="num">0\.83/);
    const listener = exportClaims(db).find((x) => x.text.includes("deficit"))!.id;
    expect((await c.get(`/claims/${enc(listener)}`)).body).toMatch(/A comment from <strong>Listener Jo<\/strong>, read out by/);
  });

  test("the episode page greys the dropped chrome and marks the teaser", async () => {
    const { body } = await new Client(app).get("/episodes/web-fixture");
    expect(body).toMatch(/class="dropped"[^>]*>[\s\S]*Menu \| Home \| Donate now/);
    expect(body).toContain("turn h");
    expect(body).toMatch(/teaser<\/strong> \(repeated later/);
  });

  test("bad ids and unknown pages give a 404 page, not a stack trace", async () => {
    const c = new Client(app);
    for (const path of ["/claims/nope", "/claims/%E0%A4%A", "/episodes/nope", "/nowhere", `/claims/${enc(claimId)}/x`]) {
      const { res, body } = await c.get(path);
      expect(res.status, path).toBe(404);
      expect(body).toContain("404");
      expect(body).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  test("an error renders a 500 page with one line, and the next request is served", async () => {
    let broken = true;
    const flaky = new Proxy(db, {
      get(target, prop) {
        if (prop === "prepare" && broken) return () => {
          throw new Error("disk on fire\nsecond line");
        };
        const v = Reflect.get(target, prop);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const lines: string[] = [];
    const a = createApp(flaky as DB, { log: (l) => lines.push(l) });
    const res = await a.request("/");
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("disk on fire");
    expect(body).not.toContain("second line");
    expect(lines).toHaveLength(1);
    broken = false;
    expect((await a.request("/")).status).toBe(200);
  });
});

describe("actions", () => {
  test("a POST without the CSRF token (or from another site) is refused with 403", async () => {
    const c = new Client(app);
    await c.login("Ana");
    const page = (await c.get(`/claims/${enc(claimId)}`)).body;
    const form = { verdict: "false", note: "n", updated_at: updatedAtIn(page) };
    expect((await c.post(`/claims/${enc(claimId)}/resolve`, form, { csrf: false })).res.status).toBe(403);
    expect((await c.post(`/claims/${enc(claimId)}/resolve`, { ...form, _csrf: "forged" }, { csrf: false })).res.status).toBe(403);
    const other = new Client(app);
    await other.get("/");
    // A token from one session does not work with another session's cookie.
    other.csrf = c.csrf;
    expect((await other.post("/me", { name: "Eve" })).res.status).toBe(403);
    const cross = new Client(app, { origin: "http://evil.example", host: "localhost" });
    await cross.get("/");
    expect((await cross.post("/me", { name: "Eve" })).res.status).toBe(403);
    expect(showItem(db, { id: claimId }).item.status).toBe("open");
  });

  test("claim, resolve, reopen through the workflow, with the audit log", async () => {
    const c = new Client(app);
    let r = await c.post("/me", { name: "Ana" });
    expect(r.res.status).toBe(403); // no page seen yet, so no token
    await c.login("Ana");
    let page = (await c.get(`/claims/${enc(claimId)}`)).body;
    expect(page).toContain("You are <strong>Ana</strong>");
    r = await c.post(`/claims/${enc(claimId)}/claim`, { updated_at: updatedAtIn(page) });
    expect(r.res.status).toBe(303);
    page = (await c.get(r.res.headers.get("location")!)).body;
    expect(page).toContain("Claimed by <strong>Ana</strong>");
    r = await c.post(`/claims/${enc(claimId)}/resolve`, {
      verdict: "mostly-false",
      note: "Treasury says 0.83",
      sources: "https://example.org/a\nhttps://example.org/b",
      updated_at: updatedAtIn(page),
    });
    expect(r.res.status).toBe(303);
    const item = showItem(db, { id: claimId });
    expect(item.item).toMatchObject({ status: "resolved", verdict: "mostly-false", resolved_by: "Ana", sources: ["https://example.org/a", "https://example.org/b"] });
    expect(item.history.map((h) => [h.action, h.actor])).toEqual([
      ["create", "ingest"],
      ["assign", "Ana"],
      ["resolve", "Ana"],
    ]);
    page = (await c.get(`/claims/${enc(claimId)}`)).body;
    r = await c.post(`/claims/${enc(claimId)}/reopen`, { reason: "new figures", updated_at: updatedAtIn(page) });
    expect(r.res.status).toBe(303);
    expect(showItem(db, { id: claimId }).item.status).toBe("open");
  });

  test("release and skip go through the workflow too", async () => {
    const c = new Client(app);
    await c.login("Ana");
    const url = `/claims/${enc(claimId)}`;
    await c.post(`${url}/claim`, { updated_at: updatedAtIn((await c.get(url)).body) });
    let r = await c.post(`${url}/release`, { updated_at: updatedAtIn((await c.get(url)).body) });
    expect(r.res.status).toBe(303);
    expect(showItem(db, { id: claimId }).item).toMatchObject({ status: "open", assignee: null });
    r = await c.post(`${url}/skip`, { reason: "opinion, not a checkable fact", updated_at: updatedAtIn((await c.get(url)).body) });
    expect(r.res.status).toBe(303);
    expect(showItem(db, { id: claimId }).item).toMatchObject({ status: "skipped", skip_reason: "opinion, not a checkable fact" });
    expect(showItem(db, { id: claimId }).history.map((h) => h.action)).toEqual(["create", "assign", "release", "skip"]);
  });

  test("an invalid verdict is refused with the message and the typed note kept", async () => {
    const c = new Client(app);
    await c.login("Ana");
    const page = (await c.get(`/claims/${enc(claimId)}`)).body;
    const r = await c.post(`/claims/${enc(claimId)}/resolve`, { verdict: "false", note: "see <b>here</b>", sources: "javascript:alert(1)", updated_at: updatedAtIn(page) });
    expect(r.res.status).toBe(400);
    expect(r.body).toContain("is not an http(s) URL");
    expect(r.body).toContain("see &lt;b&gt;here&lt;/b&gt;");
  });

  test("resolving an item someone else resolved meanwhile is refused, not overwritten", async () => {
    const ana = new Client(app);
    const ben = new Client(app);
    await ana.login("Ana");
    await ben.login("Ben");
    const anaPage = (await ana.get(`/claims/${enc(claimId)}`)).body;
    const benPage = (await ben.get(`/claims/${enc(claimId)}`)).body;
    const b = await ben.post(`/claims/${enc(claimId)}/resolve`, { verdict: "false", note: "Ben checked", updated_at: updatedAtIn(benPage) });
    expect(b.res.status).toBe(303);
    const a = await ana.post(`/claims/${enc(claimId)}/resolve`, { verdict: "true", note: "Ana thinks so", updated_at: updatedAtIn(anaPage) });
    expect(a.res.status).toBe(409);
    expect(a.body).toContain("someone changed this item after you opened it (it is now resolved false by Ben)");
    expect(a.body).toContain("Ana thinks so");
    expect(showItem(db, { id: claimId }).item).toMatchObject({ verdict: "false", resolved_by: "Ben", note: "Ben checked" });
  });

  test("a claimed item shows who has it", async () => {
    const c = new Client(app);
    await c.login("Ana");
    const page = (await c.get(`/claims/${enc(claimId)}`)).body;
    await c.post(`/claims/${enc(claimId)}/claim`, { updated_at: updatedAtIn(page) });
    const ben = new Client(app);
    await ben.login("Ben");
    const benPage = (await ben.get(`/claims/${enc(claimId)}`)).body;
    expect(benPage).toContain("Claimed by <strong>Ana</strong>");
    expect(benPage).toContain("Take over from Ana");
    expect((await ben.get("/?status=claimed")).body).toContain("with Ana");
  });

  test("actions need a name first", async () => {
    const c = new Client(app);
    const page = (await c.get(`/claims/${enc(claimId)}`)).body;
    expect(page).toContain("Give your name at the top of the page");
    const r = await c.post(`/claims/${enc(claimId)}/claim`, { updated_at: "x" });
    expect(r.res.status).toBe(400);
  });
});

describe("hostile and malformed requests (found by a QA pass)", () => {
  test("a malformed multipart body is a 400, not a 500, and logs nothing", async () => {
    const lines: string[] = [];
    const a = createApp(db, { log: (l) => lines.push(l) });
    const res = await a.request("/me", { method: "POST", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=xx" } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("could not be read");
    expect(lines).toEqual([]);
  });

  test("control characters and bidi overrides in a form never reach the store", async () => {
    const c = new Client(app);
    await c.login("Ana");
    const page = (await c.get(`/claims/${enc(claimId)}`)).body;
    const note = "checked\u001b[2J\u001b[H against\u0000 Treasury\u202e data\r\nsecond line\u0085";
    const r = await c.post(`/claims/${enc(claimId)}/resolve`, { verdict: "false", note, updated_at: updatedAtIn(page) });
    expect(r.res.status).toBe(303);
    expect(showItem(db, { id: claimId }).item.note).toBe("checked[2J[H against Treasury data\nsecond line");
  });

  test("?done= shows only the app's own messages", async () => {
    for (const bad of ["constructor", "__proto__", "toString"]) {
      const body = (await new Client(app).get(`/claims/${enc(claimId)}?done=${bad}`)).body;
      expect(body).not.toMatch(/native code|\[object Object\]/);
      expect(body).not.toContain('class="flash ok"');
    }
    expect((await new Client(app).get(`/claims/${enc(claimId)}?done=skip`)).body).toContain("Skipped.");
  });

  test("after the name form, the browser goes back only to a path of this site", async () => {
    const c = new Client(app);
    await c.get("/");
    const back = async (to: string) => (await c.post("/me", { name: "Ana", back: to })).res.headers.get("location");
    expect(await back("/claims/x?status=all")).toBe("/claims/x?status=all");
    expect(await back("/\t/evil.example")).toBe("/");
    expect(await back("//evil.example/x")).toBe("/");
    expect(await back("/\\evil.example")).toBe("/");
    expect(await back("https://evil.example/")).toBe("/");
  });

  test("a token link to //host/path does not redirect off the site", async () => {
    const a = createApp(db, { token: "s3cret", log: () => {} });
    const res = await a.request("http://localhost//evil.example/x?token=s3cret");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/evil.example/x");
  });

  test("a known page with the wrong method is 405 with Allow, an unknown one 404", async () => {
    const get = await app.request(`/claims/${enc(claimId)}/resolve`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const put = await app.request("/", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET");
    expect((await app.request("/me")).status).toBe(405);
    expect((await app.request("/nowhere")).status).toBe(404);
  });

  test("workflow messages on a page name no command-line flag", async () => {
    const c = new Client(app);
    await c.login("Ana");
    const page = (await c.get(`/claims/${enc(claimId)}`)).body;
    const r = await c.post(`/claims/${enc(claimId)}/resolve`, { verdict: "false", note: "", updated_at: updatedAtIn(page) });
    expect(r.res.status).toBe(400);
    expect(r.body).toContain("a verdict needs a note saying why.");
    expect(r.body).not.toContain("--note");
  });

  test("the 401 page offers no name form (there is no CSRF token to post it with)", async () => {
    const a = createApp(db, { token: "s3cret", log: () => {} });
    const body = await (await a.request("/")).text();
    expect(body).toContain("Token required");
    expect(body).not.toContain('action="/me"');
  });
});

describe("token", () => {
  test("every request needs the token when one is configured", async () => {
    const a = createApp(db, { token: "s3cret", log: () => {} });
    expect((await a.request("/")).status).toBe(401);
    expect((await a.request("/?token=wrong")).status).toBe(401);
    expect((await a.request("/", { headers: { authorization: "Bearer s3cret" } })).status).toBe(200);
    const once = await a.request("/episodes?token=s3cret");
    expect(once.status).toBe(303);
    expect(once.headers.get("location")).toBe("/episodes");
    const cookie = once.headers.getSetCookie().find((c) => c.startsWith("cc_token="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect((await a.request("/episodes", { headers: { cookie: cookie.split(";")[0] } })).status).toBe(200);
  });
});

describe("speaker corrections", () => {
  test("rename and move on the episode page update turns, claims and the audit log", async () => {
    const c = new Client(app);
    await c.login("Pat");
    await c.get("/episodes/web-fixture");
    let r = await c.post("/episodes/web-fixture/rename", { from: "Guest", to: "Dana Reyes", role: "" });
    expect(r.res.status).toBe(303);
    const turns = exportTurns(db, "web-fixture");
    expect(turns.filter((t) => t.speaker === "Dana Reyes").map((t) => [t.index, t.role])).toEqual([[2, "guest"]]);
    expect(exportClaims(db).find((x) => x.text.startsWith("Taxes rose"))).toMatchObject({ speaker: "Dana Reyes", claimant: "Dana Reyes" });
    const listenerTurn = turns.find((t) => t.text.includes("deficit"))!;
    r = await c.post("/episodes/web-fixture/move", { turn: turnKey(listenerTurn.start_offset, listenerTurn.text), to: "Co-host", role: "host" });
    expect(r.res.status).toBe(303);
    const listenerClaim = exportClaims(db).find((x) => x.text.includes("deficit"))!;
    expect(listenerClaim).toMatchObject({ speaker: "Co-host", claimant: "Listener Jo", role: "host" });
    const audit = db.prepare("SELECT actor, action, episode_id FROM audit_log WHERE action LIKE 'speaker-%' ORDER BY id").all();
    expect(audit).toEqual([
      { actor: "Pat", action: "speaker-rename", episode_id: "web-fixture" },
      { actor: "Pat", action: "speaker-move", episode_id: "web-fixture" },
    ]);
    expect((await c.post("/episodes/web-fixture/rename", { from: "Nobody", to: "X" })).res.status).toBe(404);
    expect((await c.post("/episodes/web-fixture/move", { turn: "1:deadbeef", to: "X" })).res.status).toBe(404);
    expect((await c.post("/episodes/web-fixture/move", { to: "X" })).res.status).toBe(400);
  });

  test("a correction survives re-ingesting, even when turns before it shift", () => {
    const rec = handMadeRecord(dir);
    const guestTurn = rec.turns.find((t) => t.speaker === "Guest")!;
    addCorrection(db, { episodeId: "web-fixture", kind: "rename", fromName: "Host", toName: "Sam Host", by: "Pat" });
    addCorrection(db, { episodeId: "web-fixture", kind: "move", turnKey: turnKey(guestTurn.start_offset, guestTurn.text), toName: "Caller Lee", toRole: "caller", by: "Pat" });
    const before = exportTurns(db, "web-fixture").map((t) => [t.speaker, t.role]);
    writeEpisode(db, handMadeRecord(dir));
    expect(exportTurns(db, "web-fixture").map((t) => [t.speaker, t.role])).toEqual(before);
    writeEpisode(db, handMadeRecord(dir, "web-fixture", { extraFirst: true }));
    const after = exportTurns(db, "web-fixture");
    expect(after.map((t) => t.speaker)).toEqual(["Producer", "Sam Host", "Sam Host", "Caller Lee", "Sam Host"]);
    expect(exportClaims(db).find((x) => x.text.startsWith("Taxes rose"))).toMatchObject({ speaker: "Caller Lee", claimant: "Caller Lee", role: "caller" });
    const speakers = db.prepare("SELECT name, role FROM speakers WHERE episode_id = 'web-fixture' ORDER BY name").all();
    expect(speakers).toEqual([
      { name: "Caller Lee", role: "caller" },
      { name: "Producer", role: "unknown" },
      { name: "Sam Host", role: "host" },
    ]);
  });

  test("a verdict given in the browser survives re-ingesting too", async () => {
    resolveItem(db, { id: claimId, verdict: "false", note: "checked" }, "Ana");
    writeEpisode(db, handMadeRecord(dir));
    expect(showItem(db, { id: claimId }).item).toMatchObject({ status: "resolved", verdict: "false" });
  });
});

describe("claimcast serve", () => {
  test("refuses a non-loopback address without a token, and a bad port (exit 2)", () => {
    const file = join(dir, "serve.db");
    const env = { CLAIMCAST_TOKEN: "" };
    const r = cli(["serve", "--host", "0.0.0.0", "--db", file], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("needs an access token");
    const p = cli(["serve", "--port", "http", "--db", file], { env });
    expect(p.status).toBe(2);
    expect(p.stderr).toContain("--port must be a whole number");
  });

  test("serves the queue on 127.0.0.1 and stops on SIGTERM", async () => {
    const file = join(dir, "serve.db");
    openDb(file).close();
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", file], { stdio: ["ignore", "ignore", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = "";
        child.stderr!.on("data", (d) => {
          err += String(d);
          const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
          if (m) resolve(m[1]);
        });
        child.once("exit", () => reject(new Error(`serve exited: ${err}`)));
      });
      const res = await fetch(url + "/");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Fact-check queue");
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        expect(await exited).toBe(0);
      }
    }
  });
});
