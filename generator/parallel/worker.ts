/**
 * A helper thread's side of `pool.ts`: it runs the steps of `steps.ts` it is sent and keeps the
 * docs it parsed, so that the same thread reads their models later without sending trees back.
 */
import { parentPort } from "node:worker_threads";
import { getDialect } from "../dialects/index.js";
import type { EmitSettings } from "../emit/folder.js";
import { type Templates, templatesFrom } from "../emit/templates.js";
import type { Model } from "../ir/types.js";
import { docResolvers } from "../ir/build.js";
import type { DocFile } from "../markdown/types.js";
import { docFacts, emitModel, parseText, readModel } from "../steps.js";
import type { Request, Tasks } from "./pool.js";

const docs = new Map<string, DocFile>();
let emitting: { models: Map<string, Model>; settings: EmitSettings; templates: Templates } | undefined;

const handlers: { [K in keyof Tasks]: (task: Tasks[K]["task"]) => Promise<Tasks[K]["result"]> } = {
  async parse({ items, detect }) {
    const out = [];
    for (const { path, text } of items) {
      const doc = await parseText(path, text);
      docs.set(path, doc);
      out.push(docFacts(doc, detect));
    }
    return out;
  },
  async models({ dialect: name, tree, paths, cached }) {
    const dialect = getDialect(name);
    if (!dialect) throw new Error(`internal: unknown dialect ${name}`);
    const resolvers = docResolvers(tree);
    return paths.map((path) => {
      const doc = docs.get(path);
      if (!doc) throw new Error(`internal: ${path} was not parsed on this thread`);
      return readModel(doc, dialect, resolvers, cached);
    });
  },
  async emitSetup({ models, settings, templates }) {
    docs.clear(); // every model is read by now: the trees are no longer needed
    emitting = { models: new Map(models.map((m) => [m.source, m] as const)), settings, templates: templatesFrom(templates) };
    return null;
  },
  async emit({ sources }) {
    if (!emitting) throw new Error("internal: emit before emitSetup");
    const { models, settings, templates } = emitting;
    const out = [];
    for (const source of sources) out.push(await emitModel(models.get(source)!, models, settings, templates));
    return out;
  },
};

parentPort!.on("message", (request: Request) => {
  const handler = handlers[request.kind] as (task: unknown) => Promise<unknown>;
  handler(request.task).then(
    (result) => parentPort!.postMessage({ id: request.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: request.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
