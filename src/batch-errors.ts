import { TranscriptError } from "./core/diagnostic.js";

/**
 * One line for a failed file: `path:line: reason` for input problems, `path: internal error: ...` else.
 *
 * @example
 * describeError("a.vtt", new TranscriptError("a.vtt", "empty file")); // "a.vtt: empty file"
 */
export function describeError(path: string, err: unknown): string {
  if (err instanceof TranscriptError) return err.message.split("\n")[0];
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "EACCES") return `${path}: permission denied`;
  if (e?.code === "EISDIR") return `${path}: is a directory`;
  if (e?.code === "ENOENT") return `${path}: no such file`;
  const msg = e instanceof Error ? e.message : String(err);
  return `${path}: internal error: ${msg.split("\n")[0]}`;
}
