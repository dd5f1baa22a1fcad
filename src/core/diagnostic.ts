import type { Span } from "./span.js";

/** Severity of a {@link Diagnostic}. Warnings and infos never change an exit code. */
export type Severity = "error" | "warning" | "info";

/**
 * A message about the input, shaped like vfile-message: what happened, where in the source,
 * and which step said it (`ruleId` is `stage/step`).
 *
 * @example
 * { severity: "info", ruleId: "clean/strip-chrome", message: "dropped page chrome", span: { start: 0, end: 120 } }
 */
export interface Diagnostic {
  severity: Severity;
  ruleId: string;
  message: string;
  span?: Span;
  actual?: string;
  expected?: string;
}

/**
 * The one error a stage throws when it cannot go on with a file. The batch runner catches it
 * for that file only and prints `path:line: reason`.
 */
export class TranscriptError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = "TranscriptError";
  }
}

/** Collects diagnostics for one file. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  report(d: Diagnostic): void {
    this.items.push(d);
  }
}

/**
 * The reason of a file-system error without its code and syscall: `ENOTDIR: not a directory, mkdir 'x'`
 * → `not a directory`.
 *
 * @example
 * fsReason(Object.assign(new Error("ENOENT: no such file or directory, open 'a'"), { code: "ENOENT" })); // "no such file or directory"
 */
export function fsReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const msg = (e instanceof Error ? e.message : String(err)).split("\n")[0];
  const m = /^[A-Z]+: ([^,]+)/.exec(msg);
  return m ? m[1] : msg;
}

/**
 * The characters no stored name or note and no log or terminal line should carry raw: control
 * characters (C0, DEL, C1), Unicode line separators, bidirectional overrides and isolates. One
 * character class, as regex source: the web forms strip them (keeping tab and line break in
 * notes), the logs and the CLI's plain output show them escaped.
 */
export const CONTROL_CLASS = "[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]";
