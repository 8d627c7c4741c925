import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { IR, Model } from "../ir/types.js";
import { type EmitOptions } from "./context.js";
import { isIdentifier, lineCommentText } from "./escape.js";
import { jsonSchemaFiles } from "./jsonschema.js";
import { modelModule } from "./module.js";
import { loadTemplates, type Templates } from "./templates.js";

export { DEFAULT_OPTIONS, type EmitOptions } from "./context.js";
export { loadTemplates, type Templates } from "./templates.js";

/** A file to write, relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string;
}

export const RUNTIME_SOURCE = fileURLToPath(new URL("../../generator/runtime/runtime.ts", import.meta.url));

let runtimeText: string | undefined;
function runtimeSource(): string {
  runtimeText ??= readFileSync(RUNTIME_SOURCE, "utf8");
  return runtimeText;
}

export interface EmitSettings extends EmitOptions {
  /** The docs2ts version written in banners. */
  version: string;
  templates?: Templates;
}

/**
 * IR -> files. Pure apart from reading our own templates and runtime source: the same IR and
 * options give the same files, in path order.
 */
export function emitFiles(ir: IR, settings: EmitSettings): OutputFile[] {
  const templates = settings.templates ?? loadTemplates();
  const models = new Map(ir.models.map((m) => [m.source, m] as const));
  for (const m of ir.models) {
    if (!isIdentifier(m.name)) throw new Error(`internal: model name ${JSON.stringify(m.name)} is not an identifier`);
  }
  const banner = (source: string) =>
    templates.render("banner", { version: lineCommentText(settings.version), source: lineCommentText(source) }).trimEnd();
  const files: OutputFile[] = [];
  const validators = settings.emit.validators;
  const types = settings.emit.types || validators;
  if (types) {
    for (const model of ir.models) {
      files.push({ path: `models/${model.name}.ts`, content: `${banner(model.source)}\n\n${modelModule(model, models, settings)}` });
    }
    if (validators) files.push({ path: "runtime.ts", content: runtimeSource() });
    const modules = [...ir.models].sort((a, b) => (a.name < b.name ? -1 : 1)).map((m) => exportsOf(m, validators));
    files.push({
      path: "index.ts",
      content: normalize(templates.render("index", { banner: banner("all docs"), modules, runtime: validators })),
    });
  }
  if (settings.emit.jsonschema) files.push(...jsonSchemaFiles(ir.models, models, settings));
  files.push({
    path: "README.md",
    content: normalize(
      templates.render("readme", {
        version: settings.version,
        dialect: ir.dialect,
        docCount: ir.models.length,
        types,
        validators,
        jsonschema: settings.emit.jsonschema,
        models: [...ir.models].sort((a, b) => (a.name < b.name ? -1 : 1)).map((m) => ({ name: m.name, kind: m.kind, source: m.source })),
      }),
    ),
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function exportsOf(m: Model, validators: boolean): { path: string; types: string; values: string } {
  const fns = validators ? [`is${m.name}`, `validate${m.name}`, `assert${m.name}`, `${m.name}Schema`] : [];
  const isEnum = m.kind === "enum";
  return {
    path: `./models/${m.name}.js`,
    types: isEnum ? "" : m.name,
    values: [...(isEnum ? [m.name] : []), ...fns].join(", "),
  };
}

/** One trailing newline, no trailing spaces, no runs of blank lines. */
function normalize(text: string): string {
  return text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
