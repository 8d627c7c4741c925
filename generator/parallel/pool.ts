import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { DocEntry, ModelEntry } from "../cache/store.js";
import type { EmitSettings } from "../emit/folder.js";
import type { TemplateName } from "../emit/templates.js";
import type { DialectName, Model } from "../ir/types.js";
import type { EmittedModel } from "../steps.js";

/**
 * Helper threads for the per-doc and per-model steps (`steps.ts`), so that a large run uses
 * every core: the pipeline hands a step's items out in chunks to the main thread and the
 * helpers, each runs the same functions on its chunks, and the results are put back in item
 * order, so the output is the same bytes as a run on one thread (`test/pipeline/parallel.test.ts`).
 *
 * One Node thread already keeps about one and a half cores busy (V8 collects garbage and
 * compiles on threads of its own): on 2 cores a helper only competes with them, and
 * `bench:generate` (which times each cold run with one helper too) measures it no faster. So by
 * default there is one helper per core beyond the second.
 *
 * A helper keeps the docs it parsed: the models of those docs are read on it too, so no tree
 * crosses threads, only texts in and plain JSON-like results out. Helpers are used only for
 * runs with enough work to pay for starting them (`MIN_ITEMS`), never under the tests' library
 * API, and not at all with `DOCS2TS_WORKERS=0` or on two cores or fewer; `DOCS2TS_WORKERS=N`
 * sets their number (default: one per core beyond the second, at most 6).
 */

/** Steps with fewer items than this run on the main thread alone. */
export const MIN_ITEMS = 64;

export interface Tasks {
  parse: { task: { items: { path: string; text: string }[]; detect: boolean }; result: Pick<DocEntry, "title" | "ballot">[] };
  models: { task: { dialect: DialectName; tree: { path: string; title?: string }[]; paths: string[]; cached: boolean }; result: ModelEntry[] };
  /** What every emit on the thread needs: all models, the settings, the templates (sent once per run). */
  emitSetup: { task: { models: Model[]; settings: EmitSettings; templates: Record<TemplateName, string> }; result: null };
  emit: { task: { sources: string[] }; result: EmittedModel[] };
}

export type Request = { [K in keyof Tasks]: { id: number; kind: K; task: Tasks[K]["task"] } }[keyof Tasks];

type Reply = { id: number; result?: unknown; error?: string };

/**
 * The helper thread's code: beside this module (dist/parallel/worker.js, or the bundle's
 * worker.cjs when this module is in the CommonJS bundle, whose files end in .cjs).
 */
const WORKER = new URL(import.meta.url.endsWith(".cjs") ? "./worker.cjs" : "./worker.js", import.meta.url);

export class Helper {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failure?: Error;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.error !== undefined) p.reject(new Error(`in a helper thread: ${reply.error}`));
      else p.resolve(reply.result);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a helper thread exited (code ${code})`)));
  }

  run<K extends keyof Tasks>(kind: K, task: Tasks[K]["task"]): Promise<Tasks[K]["result"]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, kind, task } as Request);
    });
  }

  close(): void {
    this.worker.removeAllListeners("exit");
    void this.worker.terminate();
  }

  /** As many helpers as the machine and DOCS2TS_WORKERS allow (none when the worker code is not built). */
  static start(): Helper[] {
    const setting = process.env.DOCS2TS_WORKERS;
    const wanted = setting !== undefined && /^\d+$/.test(setting) ? Number(setting) : Math.min(availableParallelism() - 2, 6);
    if (wanted <= 0 || !existsSync(fileURLToPath(WORKER))) return [];
    return Array.from({ length: wanted }, () => new Helper(new Worker(WORKER)));
  }
}
