import type { Io } from "./command.js";

/**
 * The progress line: on a terminal only, and only once a run has taken more than a second, one
 * line rewritten in place (at most ten times a second), erased before the summary is printed.
 */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  /** Erase the line, if one was shown. */
  clear(): void;
}

export function progress(io: Io, started = performance.now(), now: () => number = () => performance.now()): Progress {
  let shown = false;
  let last = 0;
  return {
    update(phase, done, total) {
      if (!io.isTTY) return;
      const t = now();
      if (t - started < 1000 || t - last < 100) return;
      last = t;
      shown = true;
      const unit = phase === "emitting" ? "models" : "docs";
      io.err(`\r\x1b[Kdocs2ts: ${phase} ${done}/${total} ${unit}…`);
    },
    clear() {
      if (shown) io.err("\r\x1b[K");
      shown = false;
    },
  };
}
