import { oneLine } from "../batch-errors.js";

/**
 * A one-line progress bar with ETA for a terminal (stderr). Does nothing when stderr is not a TTY
 * (cron, pipes) so logs stay clean.
 *
 * @example
 * const bar = createProgress(100); bar.tick("a.txt"); bar.done();
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): { tick(label: string): void; done(): void; log(line: string): void } {
  const enabled = Boolean(stream.isTTY) && total > 1;
  const t0 = Date.now();
  let n = 0;
  let last = 0;
  const clear = () => enabled && stream.write("\r\x1b[K");
  const draw = (label: string) => {
    const width = 24;
    const filled = Math.round((n / total) * width);
    const elapsed = (Date.now() - t0) / 1000;
    const eta = n > 0 ? Math.max(0, (elapsed / n) * (total - n)) : 0;
    const cols = stream.columns ?? 80;
    // The label is a file name: its control characters are shown escaped, not sent to the terminal.
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${n}/${total} ETA ${eta.toFixed(0)}s ${oneLine(label)}`;
    stream.write("\r\x1b[K" + line.slice(0, cols - 1));
  };
  return {
    tick(label) {
      n++;
      if (!enabled) return;
      const now = Date.now();
      if (now - last > 80 || n === total) {
        last = now;
        draw(label);
      }
    },
    done() {
      clear();
    },
    log(line) {
      clear();
      stream.write(oneLine(line) + "\n");
    },
  };
}
