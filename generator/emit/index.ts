import type { IR, Model } from "../ir/types.js";
import { banner, type EmitSettings, emitsTypes, folderFiles, modelPath, type OutputFile, sortFiles } from "./folder.js";
import { isIdentifier } from "./escape.js";
import { modelModule } from "./module.js";
import { loadTemplates, type Templates } from "./templates.js";

export { DEFAULT_OPTIONS, type EmitOptions } from "./context.js";
export { loadTemplates, type Templates } from "./templates.js";
export { RUNTIME_SOURCE, type EmitSettings, emitsTypes, type OutputFile } from "./folder.js";

/**
 * IR -> files. Pure apart from reading our own templates and runtime source: the same IR and
 * options give the same files, in path order.
 */
export function emitFiles(ir: IR, settings: EmitSettings): OutputFile[] {
  const templates = settings.templates ?? loadTemplates();
  const models = new Map(ir.models.map((m) => [m.source, m] as const));
  const files = emitsTypes(settings) ? ir.models.map((model) => modelFile(model, models, settings, templates)) : [];
  return sortFiles([...files, ...folderFiles(ir, settings, templates)]);
}

/** One model's file: banner and module. `models` is every model, by source. */
export function modelFile(model: Model, models: ReadonlyMap<string, Model>, settings: EmitSettings, templates: Templates): OutputFile {
  if (!isIdentifier(model.name)) throw new Error(`internal: model name ${JSON.stringify(model.name)} is not an identifier`);
  return { path: modelPath(model), content: `${banner(templates, settings.version, model.source)}\n\n${modelModule(model, models, settings)}` };
}
