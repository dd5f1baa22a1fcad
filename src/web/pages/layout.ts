import { formatTime } from "../../queue/report.js";
import { html, raw, type SafeHtml } from "../html.js";

/** What every page needs from the request: the CSP nonce, the CSRF token and who is acting. */
export interface PageContext {
  nonce: string;
  csrf: string;
  /** The name the user gave (cookie), or null. */
  me: string | null;
  /** Path and query of the current page, to come back to after setting the name. */
  path: string;
}

/** Number of speaker colours (hue classes `h0` … `h11`). */
export const SPEAKER_HUES = 12;

/**
 * The hue class of a speaker name: a stable hash of the name, so a speaker has the same colour on
 * every page.
 *
 * @example
 * speakerHue("Host"); // "h7"
 */
export function speakerHue(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Mix the bits so short names that differ in one letter still spread over the hues.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return `h${(h >>> 0) % SPEAKER_HUES}`;
}

const HUE_RULES = Array.from({ length: SPEAKER_HUES }, (_, i) => `.h${i}{--hue:${(i * 360) / SPEAKER_HUES + 15}}`).join("");

const CSS = `
:root{color-scheme:light;--fg:#1d2327;--muted:#5f6b73;--line:#dde3e8;--bg:#fff;--panel:#f6f8fa;--accent:#1f5fbf;--hue:210}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,tr:focus{outline:3px solid #8ab4f8;outline-offset:1px}
header.top{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.6rem 1.2rem;border-bottom:1px solid var(--line);background:var(--panel);flex-wrap:wrap}
header.top .brand{font-weight:700;text-decoration:none;color:var(--fg)}header.top nav a{margin-right:1rem}
main{max-width:76rem;margin:0 auto;padding:1rem 1.2rem 3rem}
.narrow{max-width:48rem}
h1{font-size:1.5rem;line-height:1.3;margin:.6rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
.muted{color:var(--muted)}.small{font-size:.875rem}
.me-form{display:flex;gap:.4rem;align-items:center}
input[type=text],input[type=search],select,textarea{font:inherit;padding:.3rem .45rem;border:1px solid #b8c2cc;border-radius:4px;background:#fff;max-width:100%}
textarea{width:100%}
button{font:inherit;padding:.3rem .8rem;border:1px solid #9aa7b3;border-radius:4px;background:#fff;cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
label{font-weight:600;font-size:.9rem;display:block;margin:.4rem 0 .15rem}
label.inline{display:inline;font-weight:normal}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;padding:.6rem .8rem;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.filters label{margin:0 0 .15rem}.filters select{max-width:18rem}
.counts{display:flex;gap:.4rem;flex-wrap:wrap;margin:.6rem 0;padding:0;list-style:none}
.counts a{display:inline-block;padding:.15rem .6rem;border:1px solid var(--line);border-radius:999px;text-decoration:none;color:var(--fg)}
.counts a[aria-current=true]{background:var(--fg);color:#fff;border-color:var(--fg)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line)}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr[data-nav]{cursor:pointer}tr[data-nav]:hover{background:#f3f7fc}tr.sel{background:#e6f0fd}
.badge{display:inline-block;padding:0 .45rem;border-radius:4px;font-size:.8rem;font-weight:600;border:1px solid transparent;white-space:nowrap}
.s-open{background:#eef2f5;color:#33424d}.s-claimed{background:#fff4d6;color:#6b4e00}.s-resolved{background:#e4f4ea;color:#1d5c33}.s-skipped{background:#f0eef5;color:#55476b}.s-orphaned{background:#fbe9e9;color:#8a1f1f}
.v-true{background:#1e7b3c;color:#fff}.v-mostly-true{background:#5da35a;color:#fff}.v-half-true{background:#d9b526;color:#222}.v-mostly-false{background:#e0782b;color:#fff}.v-false{background:#c0392b;color:#fff}.v-misleading{background:#8e3b8a;color:#fff}.v-unverifiable{background:#7a8791;color:#fff}
${HUE_RULES}
.spk{font-weight:600;color:hsl(var(--hue) 55% 32%)}
.chip{display:inline-block;padding:.05rem .5rem;border-radius:999px;background:hsl(var(--hue) 70% 93%);border:1px solid hsl(var(--hue) 45% 70%)}
.turn{border-left:4px solid hsl(var(--hue) 55% 55%);background:hsl(var(--hue) 60% 98%);padding:.45rem .8rem;margin:.5rem 0;border-radius:0 6px 6px 0;max-width:70ch}
.turn .meta{font-size:.82rem;color:var(--muted)}
.turn.current{box-shadow:0 0 0 2px #f2c94c inset}
.turn.teaser{opacity:.75;border-left-style:dashed}
.dropped{color:#8c959d;background:repeating-linear-gradient(135deg,#fafbfc,#fafbfc 6px,#f2f4f6 6px,#f2f4f6 12px);border:1px dashed #d0d7de;padding:.4rem .8rem;margin:.5rem 0;max-width:70ch;font-size:.85rem;white-space:pre-wrap}
mark{background:#ffe58a;padding:0 .1em;border-radius:2px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}
.grid{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.5rem}@media(max-width:60rem){.grid{grid-template-columns:1fr}}
.actions form{margin:0 0 .8rem}.actions fieldset{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin:0 0 .8rem}
.flash{padding:.6rem .9rem;border-radius:6px;margin:.8rem 0}.flash.ok{background:#e4f4ea;border:1px solid #9fd3b0}.flash.err{background:#fdecea;border:1px solid #f0a9a1}
.claimtext{font-size:1.25rem;max-width:60ch}
details summary{cursor:pointer;color:var(--accent)}
.kbd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border:1px solid var(--line);border-radius:3px;padding:0 .3rem;background:#fff}
.scroll{overflow-x:auto}.metric{overflow-wrap:anywhere}table.links tr:first-child td{border-bottom:0}table.links tr.method td{padding-top:0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
`;

const SCRIPT = `(() => {
  const rows = Array.from(document.querySelectorAll("[data-nav]"));
  let i = -1;
  const select = (n) => {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, n));
    rows.forEach((r, k) => r.classList.toggle("sel", k === i));
    rows[i].focus();
    rows[i].scrollIntoView({ block: "nearest" });
  };
  const open = (row) => { const a = row && row.querySelector("a[href]"); if (a) location.href = a.href; };
  rows.forEach((r, k) => r.addEventListener("click", (e) => { if (!e.target.closest("a,button,input,select,textarea")) { select(k); open(r); } }));
  document.addEventListener("keydown", (e) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    const t = e.target;
    if (t instanceof Element && t.closest("input,textarea,select,button,[contenteditable]")) return;
    if (e.key === "j") { select(i + 1); e.preventDefault(); }
    else if (e.key === "k") { select(i - 1); e.preventDefault(); }
    else if (e.key === "Enter" && i >= 0) { open(rows[i]); e.preventDefault(); }
    else if (e.key === "/") { const q = document.getElementById("q"); if (q) { q.focus(); e.preventDefault(); } }
  });
  document.querySelectorAll("form[data-confirm]").forEach((f) => f.addEventListener("submit", (e) => {
    if (!confirm(f.getAttribute("data-confirm"))) e.preventDefault();
  }));
})();`;

/**
 * The hidden CSRF field every POST form carries.
 *
 * @example
 * html`<form method="post">${csrfField(ctx)}…</form>`;
 */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

/**
 * A whole page: head with the stylesheet (nonce), header with the navigation and the name form (when there is a CSRF token to post it with),
 * the body, and the keyboard script (nonce).
 *
 * @example
 * layout(ctx, "Queue", html`<h1>Queue</h1>`).value;
 */
export function layout(ctx: PageContext, title: string, body: SafeHtml, opts: { narrow?: boolean } = {}): SafeHtml {
  // No name form without a CSRF token to post it with (the 401 page, before the token is given).
  const who = !ctx.csrf
    ? html``
    : ctx.me
    ? html`<details><summary>You are <strong>${ctx.me}</strong></summary>${meForm(ctx, "Change name")}</details>`
    : meForm(ctx, "Save");
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · claimcast</title>
<link rel="icon" href="data:,">
<style nonce="${ctx.nonce}">${raw(CSS)}</style>
</head>
<body>
<header class="top">
  <nav aria-label="Main"><a class="brand" href="/">claimcast</a> <a href="/">Queue</a><a href="/episodes">Episodes</a></nav>
  <div class="who">${who}</div>
</header>
<main${opts.narrow ? raw(' class="narrow"') : ""}>
${body}
</main>
<script nonce="${ctx.nonce}">${raw(SCRIPT)}</script>
</body>
</html>`;
}

function meForm(ctx: PageContext, label: string): SafeHtml {
  return html`<form class="me-form" method="post" action="/me">
    ${csrfField(ctx)}<input type="hidden" name="back" value="${ctx.path}">
    <label class="inline" for="me-name">Your name</label>
    <input type="text" id="me-name" name="name" value="${ctx.me ?? ""}" required maxlength="80" autocomplete="name">
    <button type="submit">${label}</button>
  </form>`;
}

/**
 * A status badge (open, claimed, resolved, skipped, orphaned).
 *
 * @example
 * statusBadge("resolved");
 */
export function statusBadge(status: string): SafeHtml {
  return html`<span class="badge s-${status.replace(/[^a-z-]/g, "")}">${status}</span>`;
}

/**
 * A verdict badge coloured on the true … false scale; nothing for no verdict.
 *
 * @example
 * verdictBadge("mostly-false");
 */
export function verdictBadge(verdict: string | null | undefined): SafeHtml {
  if (!verdict) return html``;
  return html`<span class="badge v-${verdict.replace(/[^a-z-]/g, "")}">${verdict}</span>`;
}

/**
 * A speaker name in its colour, with the role when known.
 *
 * @example
 * speakerLabel("Host", "host");
 */
export function speakerLabel(name: string, role?: string | null): SafeHtml {
  return html`<span class="spk ${speakerHue(name)}">${name}</span>${role && role !== "unknown" ? html` <span class="muted small">(${role})</span>` : ""}`;
}

/**
 * An `<a>` only for http(s) URLs (a `javascript:` URL renders as plain text).
 *
 * @example
 * safeLink("https://example.org", "source");
 */
export function safeLink(url: string | null | undefined, text?: string): SafeHtml {
  if (!url) return html``;
  let ok = false;
  try {
    ok = ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    ok = false;
  }
  return ok ? html`<a href="${url}" rel="noopener noreferrer" target="_blank">${text ?? url}</a>` : html`<span>${text ?? url}</span>`;
}

/**
 * Text with each needle (in order, not overlapping) wrapped in `<mark>`; everything escaped.
 *
 * @example
 * highlight("a <b> c", ["<b>"]).value; // "a <mark>&lt;b&gt;</mark> c"
 */
export function highlight(text: string, needles: string[]): SafeHtml {
  const parts: SafeHtml[] = [];
  let at = 0;
  for (const n of needles) {
    if (!n) continue;
    const i = text.indexOf(n, at);
    if (i < 0) continue;
    parts.push(html`${text.slice(at, i)}<mark>${n}</mark>`);
    at = i + n.length;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}

/** Seconds as m:ss or h:mm:ss; empty for no time (the report's formatter). */
export const clock = formatTime;

/**
 * A claim page URL.
 *
 * @example
 * claimHref("ep1:3f82:0"); // "/claims/ep1%3A3f82%3A0"
 */
export function claimHref(id: string): string {
  return `/claims/${encodeURIComponent(id)}`;
}

/**
 * An episode page URL.
 *
 * @example
 * episodeHref("ep1"); // "/episodes/ep1"
 */
export function episodeHref(id: string): string {
  return `/episodes/${encodeURIComponent(id)}`;
}
