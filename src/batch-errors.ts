import { readFileSync, statSync } from "node:fs";
import { CONTROL_CLASS, fsReason, TranscriptError, type Diagnostic } from "./core/diagnostic.js";

const CONTROLS = new RegExp(CONTROL_CLASS, "g");
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `s` with every control character, line separator and bidirectional override shown as a visible
 * JSON-style escape (`\n`, `\x1b`, `\u202e`), except the characters in `keep`: text that cannot
 * rewrite a terminal or break a line. Text without such characters is returned as it is.
 *
 * @example
 * escapeControls("a\u001b[2J\nb", "\n"); // "a\\x1b[2J\nb"
 */
export function escapeControls(s: string, keep = ""): string {
  return s.replace(CONTROLS, (c) => {
    if (keep.includes(c)) return c;
    const n = c.charCodeAt(0);
    return NAMED[c] ?? (n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`);
  });
}

/**
 * Text for one line of a log (stderr, cron mail, the run's stored failures): {@link escapeControls}
 * with line breaks and tabs escaped too, so a file named `a<newline>b.txt` or `\x1b[31m.txt` keeps
 * its line whole and cannot rewrite the terminal (escaping twice changes nothing).
 *
 * @example
 * oneLine("in/new\nline.txt"); // "in/new\\nline.txt"
 */
export function oneLine(s: string): string {
  return escapeControls(s);
}

/** Reasons for file-system error codes a user can act on (anything else is an internal error). */
const FS_REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOENT: "no such file",
  ENOTDIR: "no such file (a part of the path is not a folder)",
  ELOOP: "symbolic link loop",
  ENAMETOOLONG: "name too long",
  ENXIO: "not a regular file",
  ERR_FS_FILE_TOO_LARGE: "file too large (over 2 GiB)",
};

/**
 * One line for a failed file: `path:line: reason` for input problems, `path: internal error: ...` else.
 * The path and the reason are kept whole on one line (see {@link oneLine}).
 *
 * @example
 * describeError("a.vtt", new TranscriptError("a.vtt", "empty file")); // "a.vtt: empty file"
 */
export function describeError(path: string, err: unknown): string {
  if (err instanceof TranscriptError) return oneLine(`${err.file}${err.line ? `:${err.line}` : ""}: ${err.reason}`);
  const e = err as NodeJS.ErrnoException;
  const known = typeof e?.code === "string" ? FS_REASONS[e.code] : undefined;
  if (known) return oneLine(`${path}: ${known}`);
  const msg = e instanceof Error ? e.message : String(err);
  return oneLine(`${path}: internal error: ${msg}`);
}

/**
 * The bytes of an input file, read only if it is a regular file (a symbolic link to one is fine):
 * a FIFO would block the batch forever, a device such as `/dev/zero` never ends, a socket or a
 * folder is no transcript. Costs one `stat` before the read, and never opens anything else.
 *
 * @throws TranscriptError `path: not a regular file`; the `stat` or read error (see {@link describeError}) else.
 * @example
 * readInputFile("transcripts/a.txt").length;
 */
export function readInputFile(path: string): Buffer {
  if (!statSync(path).isFile()) throw new TranscriptError(path, "not a regular file");
  return readFileSync(path);
}

/**
 * One line for an ingested file whose reader warned (a broken cue skipped, a cue ending before it
 * starts): how many warnings and the first two, each cut to 120 characters, separated by ` | `;
 * undefined when there are none.
 *
 * @example
 * warningLine("a.vtt", ["line 3: broken cue timing '00:0x'; cue skipped"]);
 * // "a.vtt: 1 warning (line 3: broken cue timing '00:0x'; cue skipped)"
 */
export function warningLine(path: string, warnings: readonly string[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const cut = (s: string) => (s.length > 120 ? s.slice(0, 119) + "…" : s);
  const shown = warnings.slice(0, 2).map(cut);
  if (warnings.length > 2) shown.push(`${warnings.length - 2} more`);
  const n = warnings.length;
  return oneLine(`${path}: ${n} warning${n === 1 ? "" : "s"} (${shown.join(" | ")})`);
}

/** The messages of the diagnostics (an episode record's `unknown[]`) that are warnings, not infos, in order. */
export function warningMessages(diagnostics: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const d of diagnostics as readonly Partial<Diagnostic>[]) if (d?.severity === "warning") out.push(String(d.message));
  return out;
}

/**
 * One line for a file whose episode id is held by another file, stored by an earlier run, that is
 * still on disk: which file holds the id and how to go on.
 *
 * @example
 * clashError("B/ep.vtt", "ep", "A/ep.txt");
 * // "B/ep.vtt: episode id 'ep' is already taken by A/ep.txt (stored by an earlier run, and still there); rename one of them, or remove or move A/ep.txt and run again to store this file as its move"
 */
export function clashError(path: string, episode: string, storedPath: string): string {
  return oneLine(
    `${path}: episode id '${episode}' is already taken by ${storedPath} (stored by an earlier run, and still there); ` +
      `rename one of them, or remove or move ${storedPath} and run again to store this file as its move`,
  );
}

/**
 * One line for an ingested file whose report could not be written.
 *
 * @example
 * reportError("a.vtt", "out/a/report.md", err); // "a.vtt: cannot write report out/a/report.md (not a directory)"
 */
export function reportError(path: string, reportFile: string, err: unknown): string {
  // The reason is taken from the escaped message, so a line break in a path inside it cannot cut it.
  const msg = err instanceof Error ? err.message : String(err);
  return oneLine(`${path}: cannot write report ${reportFile} (${fsReason(new Error(oneLine(msg)))})`);
}
