import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { CONTROL_CLASS } from "../core/diagnostic.js";
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { bodyLimit } from "hono/body-limit";
import type { DB } from "../store/open.js";
import {
  assignItem,
  listItems,
  queueStats,
  releaseItem,
  reopenItem,
  resolveItem,
  resolveItemId,
  showItem,
  skipItem,
  WorkflowError,
  type QueueItem,
} from "../queue/workflow.js";
import { listEpisodes } from "../store/exports.js";
import { addCorrection, CorrectionError, listCorrections } from "../store/corrections.js";
import { claimTurns, episodePage, episodeSourceText, filterChoices, linkedClaimIds, linkedRows, searchItemIds } from "../store/web.js";
import type { SafeHtml } from "./html.js";
import { claimHref, episodeHref, type PageContext } from "./pages/layout.js";
import { errorPage } from "./pages/error.js";
import { episodesPage, queuePage, type QueueQuery } from "./pages/queue.js";
import { claimPage } from "./pages/claim.js";
import { droppedSpans, episodePageView } from "./pages/episode.js";

/** Options of `createApp`. */
export interface AppOptions {
  /** When set, every request needs it: `?token=` once (sets a cookie), the cookie, or `Authorization: Bearer`. */
  token?: string;
  /** Secret for CSRF tokens (default: random per app, so tokens die with the server). */
  secret?: Uint8Array;
  /** Most rows the queue page shows (default 200). */
  pageLimit?: number;
  /** Where 500 errors are logged, one line each (default: stderr). */
  log?: (line: string) => void;
}

type Env = { Variables: { nonce: string; csrf: string; me: string | null; form: Record<string, string> } };

const COOKIE = { token: "cc_token", sid: "cc_sid", me: "cc_me" } as const;
const COOKIE_OPTS = { path: "/", httpOnly: true, sameSite: "Strict" as const };

const DONE: Readonly<Record<string, string>> = {
  claim: "The item is yours now.",
  release: "Released: the item is back in the open queue.",
  skip: "Skipped.",
  resolve: "Verdict saved.",
  reopen: "Reopened: the item is back in the open queue.",
  rename: "Speaker renamed. The correction is kept when the episode is ingested again.",
  move: "Turn moved. The correction is kept when the episode is ingested again.",
};

/** The flash message for `?done=ACTION`: one of ours, never an inherited property ("constructor"). */
function doneMessage(action: string | undefined): string | undefined {
  return action && Object.hasOwn(DONE, action) ? DONE[action] : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

const CONTROLS = new RegExp(CONTROL_CLASS, "g");

function cleanName(v: string | undefined): string | null {
  const s = cleanField(v ?? "").replace(/[\t\n]/g, "").trim().slice(0, 80);
  return s || null;
}

/**
 * A form field or query value as it may be stored and shown: line breaks as `\n`, tabs kept, and no
 * other character of {@link CONTROL_CLASS} (control characters, line separators, bidirectional
 * overrides and isolates), which would otherwise
 * reach a fact-checker's terminal raw through `queue show` or `export turns` (an escape sequence
 * can clear or rewrite the screen) or reorder what a page shows.
 *
 * @example
 * cleanField("a\u0000b\u001b[2J\r\nc"); // "ab[2J\nc"
 */
export function cleanField(v: string): string {
  return v.replace(/\r\n?/g, "\n").replace(CONTROLS, (c) => (c === "\n" || c === "\t" ? c : ""));
}

/**
 * Where to send the browser after a form: `back` if it is a path on this site, else `/`. Parsed
 * against a placeholder origin the way a browser would (which drops tabs and line breaks and
 * reads `\` as `/`), so `/\t/evil.example` or `/\\evil.example` cannot leave the site.
 */
function sameSitePath(back: string | undefined): string {
  const base = "http://claimcast.invalid";
  try {
    const u = new URL(back ?? "/", base);
    if (u.origin !== base || !(back ?? "").startsWith("/")) return "/";
    return u.pathname + u.search + u.hash;
  } catch {
    return "/";
  }
}

/** A message of the workflow without the command-line hints ("(--note TEXT)", "see: claimcast …"), for a page. */
function forPage(message: string): string {
  return message.replace(/\s*\(--[a-z-]+(?: [A-Z]+)?\)/g, "").replace(/;\s*see: claimcast [^)]*/g, "");
}

/** The methods each route answers, for 405 instead of 404 when only the method is wrong. */
const ROUTES: [RegExp, string][] = [
  [/^\/$/, "GET"],
  [/^\/episodes$/, "GET"],
  [/^\/me$/, "POST"],
  [/^\/claims\/[^/]+$/, "GET"],
  [/^\/claims\/[^/]+\/(?:claim|release|skip|resolve|reopen)$/, "POST"],
  [/^\/episodes\/[^/]+$/, "GET"],
  [/^\/episodes\/[^/]+\/(?:rename|move)$/, "POST"],
];

/**
 * The review web app (Hono): queue, claim and episode pages and their POST actions, which call
 * the same workflow and correction functions as the CLI (so every change is in the audit log).
 * Every response carries a CSP with a per-request nonce and other security headers; POSTs need
 * the CSRF token (an HMAC of the session cookie under a per-app secret); with `token` set, every
 * request needs it. Tests call `app.request(...)` without a socket.
 *
 * @example
 * const app = createApp(openDb("output/claimcast.db"));
 * const res = await app.request("/");
 */
export function createApp(db: DB, opts: AppOptions = {}): Hono<Env> {
  const app = new Hono<Env>();
  const secret = opts.secret ?? randomBytes(32);
  const limit = opts.pageLimit ?? 200;
  const log = opts.log ?? ((line: string) => process.stderr.write(line + "\n"));

  const pageCtx = (c: Context<Env>): PageContext => {
    const url = new URL(c.req.url);
    return { nonce: c.get("nonce") ?? "", csrf: c.get("csrf") ?? "", me: c.get("me") ?? null, path: url.pathname + url.search };
  };
  const page = (c: Context<Env>, body: SafeHtml, status = 200) => c.html(body.value, status as 200);
  const fail = (c: Context<Env>, status: number, message: string) => page(c, errorPage(pageCtx(c), status, message), status);

  // Security headers and the per-request nonce for the inline style and script.
  app.use("*", async (c, next) => {
    const nonce = randomBytes(16).toString("base64");
    c.set("nonce", nonce);
    await next();
    const h = c.res.headers;
    h.set(
      "Content-Security-Policy",
      `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cache-Control", "no-store");
  });

  app.use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => fail(c as Context<Env>, 400, "The form is too large.") }));

  // Token: required on every request when configured.
  if (opts.token) {
    const token = opts.token;
    app.use("*", async (c, next) => {
      const url = new URL(c.req.url);
      const q = url.searchParams.get("token");
      if (q !== null && c.req.method === "GET" && sameSecret(q, token)) {
        setCookie(c, COOKIE.token, token, COOKIE_OPTS);
        url.searchParams.delete("token");
        return c.redirect(sameSitePath(url.pathname.replace(/^\/+/, "/") + (url.search || "")), 303);
      }
      const auth = c.req.header("authorization") ?? "";
      const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
      const cookie = getCookie(c, COOKIE.token);
      if ((bearer && sameSecret(bearer, token)) || (cookie && sameSecret(cookie, token))) return next();
      return fail(c, 401, "This server needs its access token: open it once with ?token=… or send Authorization: Bearer ….");
    });
  }

  // Session cookie, CSRF token and who "me" is.
  app.use("*", async (c, next) => {
    let sid = getCookie(c, COOKIE.sid);
    if (!sid || !/^[\w-]{20,64}$/.test(sid)) {
      sid = randomBytes(18).toString("base64url");
      setCookie(c, COOKIE.sid, sid, COOKIE_OPTS);
    }
    const csrf = createHmac("sha256", secret).update(sid).digest("base64url");
    c.set("csrf", csrf);
    c.set("me", cleanName(getCookie(c, COOKIE.me)));
    c.set("form", {});
    if (c.req.method === "POST") {
      const origin = c.req.header("origin");
      if (origin && origin !== "null") {
        let host = "";
        try {
          host = new URL(origin).host;
        } catch {
          host = "";
        }
        if (host !== c.req.header("host")) return fail(c, 403, "Refused: the request came from another site.");
      }
      const type = c.req.header("content-type") ?? "";
      let body: Record<string, unknown> = {};
      if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
        try {
          body = await c.req.parseBody();
        } catch {
          return fail(c, 400, "The form could not be read (a malformed body).");
        }
      }
      const form: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === "string") form[k] = cleanField(v);
      if (!form._csrf || !sameSecret(form._csrf, csrf)) return fail(c, 403, "Refused: the form's security token is missing or out of date; reload the page and try again.");
      c.set("form", form);
    }
    return next();
  });

  app.get("/", (c) => {
    const query: QueueQuery = {
      status: c.req.query("status") || "open",
      topic: c.req.query("topic") ?? "",
      episode: c.req.query("episode") ?? "",
      assignee: c.req.query("assignee") ?? "",
      linked: c.req.query("linked") === "1",
      q: cleanField(c.req.query("q") ?? "").trim().slice(0, 200),
    };
    let items: QueueItem[] = listItems(db, {
      status: query.status === "all" ? undefined : (query.status as QueueItem["status"]),
      topic: query.topic || undefined,
      episode: query.episode || undefined,
      assignee: query.assignee || undefined,
    });
    const linked = linkedClaimIds(db);
    if (query.linked) items = items.filter((i) => linked.has(i.id));
    if (query.q) {
      const hits = searchItemIds(db, query.q);
      items = items.filter((i) => hits.has(i.id));
    }
    const stats = queueStats(db);
    const counts = { ...stats.by_status, orphaned: stats.orphaned };
    return page(c, queuePage(pageCtx(c), { query, items: items.slice(0, limit), total: items.length, counts, choices: filterChoices(db), linked }));
  });

  app.get("/episodes", (c) => page(c, episodesPage(pageCtx(c), listEpisodes(db))));

  const renderClaim = (c: Context<Env>, id: string, extra: { done?: string; error?: { message: string; form: Record<string, string> } } = {}, status = 200) => {
    const detail = showItem(db, { id });
    return page(c, claimPage(pageCtx(c), { detail, place: claimTurns(db, id, 2), links: linkedRows(db, id), ...extra }), status);
  };

  app.get("/claims/:id", (c) => {
    const ref = c.req.param("id");
    const id = resolveItemId(db, ref);
    if (id !== ref) return c.redirect(claimHref(id), 302);
    return renderClaim(c, id, { done: doneMessage(c.req.query("done")) });
  });

  app.post("/claims/:id/:action", (c) => {
    const ref = c.req.param("id");
    const action = c.req.param("action");
    const form = c.get("form");
    const me = c.get("me");
    const id = resolveItemId(db, ref);
    const expectUpdatedAt = form.updated_at || undefined;
    if (!me) return renderClaim(c, id, { error: { message: "Give your name at the top of the page first: every change records who made it.", form } }, 400);
    try {
      switch (action) {
        case "claim":
          assignItem(db, { id, to: me, expectUpdatedAt }, me);
          break;
        case "release":
          releaseItem(db, { id, expectUpdatedAt }, me);
          break;
        case "skip":
          skipItem(db, { id, reason: form.reason ?? "", expectUpdatedAt }, me);
          break;
        case "resolve":
          resolveItem(db, { id, verdict: form.verdict ?? "", note: form.note ?? "", sources: (form.sources ?? "").split(/\s+/).filter(Boolean), expectUpdatedAt }, me);
          break;
        case "reopen":
          reopenItem(db, { id, reason: form.reason ?? "", expectUpdatedAt }, me);
          break;
        default:
          return fail(c, 404, `No action '${action}'.`);
      }
    } catch (e) {
      if (e instanceof WorkflowError && (e.kind === "conflict" || e.kind === "invalid")) {
        const message = e.kind === "conflict" ? `Not saved: ${forPage(conflictMessage(db, id, e))}` : `Not saved: ${forPage(e.message)}.`;
        return renderClaim(c, id, { error: { message, form } }, e.kind === "conflict" ? 409 : 400);
      }
      throw e;
    }
    return c.redirect(`${claimHref(id)}?done=${action}`, 303);
  });

  const renderEpisode = (c: Context<Env>, id: string, extra: { done?: string; error?: string } = {}, status = 200) => {
    const p = episodePage(db, id);
    if (!p) return fail(c, 404, `No episode '${id}'.`);
    const source = p.episode.diagnostics_json.includes("clean/strip-chrome") ? episodeSourceText(p.episode) : undefined;
    return page(c, episodePageView(pageCtx(c), { page: p, dropped: droppedSpans(p.episode.diagnostics_json, source), corrections: listCorrections(db, id), ...extra }), status);
  };

  app.get("/episodes/:id", (c) => renderEpisode(c, c.req.param("id"), { done: doneMessage(c.req.query("done")) }));

  app.post("/episodes/:id/:action", (c) => {
    const id = c.req.param("id");
    const action = c.req.param("action");
    const form = c.get("form");
    const me = c.get("me");
    if (action !== "rename" && action !== "move") return fail(c, 404, `No action '${action}'.`);
    if (!episodePage(db, id)) return fail(c, 404, `No episode '${id}'.`);
    if (!me) return renderEpisode(c, id, { error: "Give your name at the top of the page first: every correction records who made it." }, 400);
    if (action === "move" && !form.turn) return renderEpisode(c, id, { error: "Not saved: the form did not say which turn to move." }, 400);
    try {
      if (action === "rename") addCorrection(db, { episodeId: id, kind: "rename", fromName: form.from ?? "", toName: form.to ?? "", toRole: form.role || null, by: me });
      else addCorrection(db, { episodeId: id, kind: "move", turnKey: form.turn ?? "", toName: form.to ?? "", toRole: form.role || null, by: me });
    } catch (e) {
      if (e instanceof CorrectionError) return renderEpisode(c, id, { error: `Not saved: ${e.message}.` }, e.kind === "not-found" ? 404 : 400);
      throw e;
    }
    return c.redirect(`${episodeHref(id)}?done=${action}`, 303);
  });

  app.post("/me", (c) => {
    const form = c.get("form");
    const name = cleanName(form.name);
    if (!name) return fail(c, 400, "A name is needed.");
    setCookie(c, COOKIE.me, name, { ...COOKIE_OPTS, maxAge: 60 * 60 * 24 * 365 });
    return c.redirect(sameSitePath(form.back), 303);
  });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allow = ROUTES.find(([re]) => re.test(path))?.[1];
    if (allow) {
      c.header("Allow", allow);
      return fail(c, 405, `${path} answers ${allow} only, not ${c.req.method}.`);
    }
    return fail(c, 404, `No page at ${path}.`);
  });

  app.onError((err, c) => {
    if (err instanceof WorkflowError && (err.kind === "not-found" || err.kind === "ambiguous")) return fail(c, 404, forPage(err.message));
    if (err instanceof WorkflowError && err.kind === "invalid") return fail(c, 400, forPage(err.message));
    const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
    log(`claimcast serve: ${c.req.method} ${new URL(c.req.url).pathname}: ${message}`);
    return fail(c, 500, `The server could not show this page: ${message}`);
  });

  return app;
}

/** A conflict explained with the item's current state. */
function conflictMessage(db: DB, id: string, e: WorkflowError): string {
  if (!/after the version you saw/.test(e.message)) return `${e.message}.`;
  try {
    const it = showItem(db, { id }).item;
    const now =
      it.status === "resolved"
        ? `it is now resolved ${it.verdict} by ${it.resolved_by}`
        : it.status === "claimed"
          ? `it is now claimed by ${it.assignee}`
          : `it is now ${it.display_status}`;
    return `someone changed this item after you opened it (${now}). The page below shows its current state; your text is kept, submit again if you still want to.`;
  } catch {
    return e.message;
  }
}
