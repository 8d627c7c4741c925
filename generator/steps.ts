/**
 * The per-doc and per-model steps of a run, as plain functions of plain data, so that the
 * pipeline can run each of them on the main thread or on a helper thread (`parallel/`) and get
 * the same result: parse a doc, read its detection ballot and title, read its model, emit one
 * model file noting which models its emitter read.
 */
import type { DocEntry, ModelEntry } from "./cache/store.js";
import { ballotOf, type Dialect, toModel } from "./dialects/index.js";
import type { Resolvers } from "./dialects/model.js";
import type { EmitSettings, OutputFile } from "./emit/folder.js";
import type { Templates } from "./emit/templates.js";
import type { Model } from "./ir/types.js";
import { parsePlainDoc } from "./markdown/fast.js";
import type { DocFile } from "./markdown/types.js";
import { timed } from "./timings.js";

let withRemark: ((text: string, path: string) => DocFile) | undefined;

/** A doc's structure: `markdown/fast.ts` when it reads the doc, else remark (imported then). */
export async function parseText(path: string, text: string): Promise<DocFile> {
  const doc = parsePlainDoc(text, path);
  if (doc) return doc;
  withRemark ??= (await import("./markdown/parse.js")).parseDocWithRemark;
  return withRemark(text, path);
}

/** What the cache keeps of a parsed doc: its title, and its ballot when the dialect is detected. */
export function docFacts(doc: DocFile, detect: boolean): Pick<DocEntry, "title" | "ballot"> {
  const facts: Pick<DocEntry, "title" | "ballot"> = {};
  if (doc.title) facts.title = doc.title.text;
  if (detect) facts.ballot = timed("ir", () => ballotOf(doc));
  return facts;
}

/** Read one doc's model, recording every link and name question asked (through JSON when it is to be cached). */
export function readModel(doc: DocFile, dialect: Dialect, resolvers: Resolvers, cached: boolean): ModelEntry {
  return timed("ir", () => {
    const links = new Map<string, ReturnType<Resolvers["link"]>>();
    const names = new Map<string, string | null>();
    const recording: Resolvers = {
      link: (target, hint) => {
        const r = resolvers.link(target, hint);
        links.set(hint === undefined ? target : `${target}\0${hint}`, r);
        return r;
      },
      name: (name, from) => {
        const r = resolvers.name(name, from);
        names.set(name, r ?? null);
        return r;
      },
    };
    // The questions added to the result (this call's own), not spread into a copy: slow in V8's lower tiers.
    const entry = toModel(doc, dialect, recording) as ModelEntry;
    entry.links = [...links];
    entry.names = [...names];
    return cached ? json(entry) : entry;
  });
}

/** One model's file, and which models its emitter read (`all` when it read them all). */
export interface EmittedModel {
  file: OutputFile;
  read: string[];
  all: boolean;
}

let modelFile: typeof import("./emit/index.js").modelFile | undefined;

/** Emit one model's file (the emitter is imported on first use). */
export async function emitModel(model: Model, models: ReadonlyMap<string, Model>, settings: EmitSettings, templates: Templates): Promise<EmittedModel> {
  modelFile ??= (await import("./emit/index.js")).modelFile;
  const recording = new RecordingModels(models);
  const emit = modelFile;
  const file = timed("emit", () => emit(model, recording, settings, templates));
  return { file, read: [...recording.read].sort(), all: recording.all };
}

/** Through JSON: what the cache stores is exactly what a run computes from. */
export function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The models map handed to the emitter, noting which models it reads. A view of the one map of
 * all models, not a copy: a copy per emitted model made a run quadratic in the number of models.
 */
class RecordingModels implements ReadonlyMap<string, Model> {
  readonly read = new Set<string>();
  all = false;

  constructor(private readonly models: ReadonlyMap<string, Model>) {}

  get(key: string): Model | undefined {
    this.read.add(key);
    return this.models.get(key);
  }
  has(key: string): boolean {
    this.read.add(key);
    return this.models.has(key);
  }
  get size(): number {
    this.all = true;
    return this.models.size;
  }
  forEach(fn: (value: Model, key: string, map: ReadonlyMap<string, Model>) => void, thisArg?: unknown): void {
    this.all = true;
    this.models.forEach((v, k) => fn.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, Model]> {
    this.all = true;
    return this.models.entries();
  }
  keys(): MapIterator<string> {
    this.all = true;
    return this.models.keys();
  }
  values(): MapIterator<Model> {
    this.all = true;
    return this.models.values();
  }
  [Symbol.iterator](): MapIterator<[string, Model]> {
    this.all = true;
    return this.models[Symbol.iterator]();
  }
}
