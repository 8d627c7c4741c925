/**
 * Opt-in time per stage, so that the next bottleneck is visible: with DOCS2TS_TIMINGS=1 docs2ts
 * prints one line to stderr when the process exits,
 *   docs2ts: timings: read 12 ms, parse 700 ms, ir 80 ms, load-ts-morph 250 ms, emit 400 ms, write 60 ms, other 150 ms, total 1652 ms, cpu 1700 ms; peak memory 180 MiB
 * Times are the main thread's: helper threads' work shows as `wait`, the time the main thread
 * waited for their results after finishing its own share (their processor time is in `cpu`).
 * Times are exclusive (a stage timed inside another counts only for the inner one); `other` is
 * the rest of the process (Node start, loading modules, the CLI), `total` the whole process
 * so far and `cpu` the processor time it used (all threads). Without the variable, `timed` just calls its function.
 */

/**
 * The pipeline's stages, then the incremental machinery's: `stamp` (the run stamp: read, checked
 * against the files' metadata, written), `cache` (the cache file: loaded, its doc entries parsed,
 * written back) and `keys` (the emit cache's keys: every model's hash, the shapes record).
 */
export type Stage = "read" | "parse" | "ir" | "load-ts-morph" | "emit" | "wait" | "write" | "stamp" | "cache" | "keys";

const ORDER: readonly Stage[] = ["read", "parse", "ir", "load-ts-morph", "emit", "wait", "write", "stamp", "cache", "keys"];

export const timingsEnabled = process.env.DOCS2TS_TIMINGS === "1";

const totals = new Map<Stage, number>();
/** Time spent in stages nested inside the running ones, innermost last. */
const nested: number[] = [];

/** Add the time `promise` takes to settle to `stage`. */
export async function timedWait<T>(stage: Stage, promise: Promise<T>): Promise<T> {
  if (!timingsEnabled) return promise;
  const started = performance.now();
  try {
    return await promise;
  } finally {
    totals.set(stage, (totals.get(stage) ?? 0) + performance.now() - started);
  }
}

/** Run `fn`, adding its time (less that of stages timed inside it) to `stage`. */
export function timed<T>(stage: Stage, fn: () => T): T {
  if (!timingsEnabled) return fn();
  const started = performance.now();
  nested.push(0);
  try {
    return fn();
  } finally {
    const elapsed = performance.now() - started;
    const inner = nested.pop()!;
    totals.set(stage, (totals.get(stage) ?? 0) + elapsed - inner);
    if (nested.length > 0) nested[nested.length - 1]! += elapsed;
  }
}

/** The report line, as printed at exit. */
export function timingsLine(): string {
  const total = performance.now();
  const staged = [...totals.values()].reduce((a, b) => a + b, 0);
  const parts = ORDER.filter((s) => totals.has(s)).map((s) => `${s} ${Math.round(totals.get(s)!)} ms`);
  const cpu = process.cpuUsage();
  parts.push(`other ${Math.round(total - staged)} ms`, `total ${Math.round(total)} ms`, `cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  return `docs2ts: timings: ${parts.join(", ")}; peak memory ${peak} MiB`;
}

if (timingsEnabled) process.on("exit", () => process.stderr.write(timingsLine() + "\n"));
