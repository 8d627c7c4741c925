/**
 * docs2ts as a library: the same pipeline the CLI runs, without touching the output folder.
 *   readDocs (markdown/) -> detectDialect + buildIR (dialects/, ir/) -> emitFiles (emit/)
 */
import { detectDialect, getDialect, type Dialect } from "./dialects/index.js";
import { DEFAULT_OPTIONS, emitFiles, type EmitOptions, type OutputFile, type Templates } from "./emit/index.js";
import { buildIR } from "./ir/build.js";
import { sortDiagnostics } from "./ir/diagnostics.js";
import type { KeyStyle } from "./ir/keys.js";
import { nameResolver } from "./ir/links.js";
import type { PolicyOptions } from "./ir/policies.js";
import type { IR } from "./ir/types.js";
import { type DocSource, parseSources, readDocs } from "./markdown/read.js";
import { UsageError } from "./errors.js";
import { VERSION } from "./version.js";
import { append } from "./lists.js";

export type { IR, Model, Field, TypeRef, Diagnostic } from "./ir/types.js";
export type { KeyStyle } from "./ir/keys.js";
export type { OutputFile } from "./emit/index.js";
export { formatDiagnostic } from "./ir/diagnostics.js";
export type { DocSource } from "./markdown/read.js";

export interface IROptions extends PolicyOptions {
  /** A dialect name, or "auto" (the default) to detect it from the docs. */
  dialect?: string;
  /** The JSON keys: the Field column "as-written" (default), or converted to "snake_case" / "camelCase". */
  keys?: KeyStyle;
}

export interface IRResult {
  ir: IR;
  /** How the dialect was chosen, for the CLI to say. */
  dialectNote?: string;
}

export { UsageError } from "./errors.js";

/**
 * Read every doc below `input` (a folder, or docs given in memory) and build the IR. Problems in
 * the docs are diagnostics, not exceptions.
 */
export function loadIR(input: string | readonly DocSource[], options: IROptions = {}): IRResult {
  const { docs, diagnostics } = typeof input === "string" ? readDocs(input) : parseSources(input);
  let dialect: Dialect | undefined;
  let dialectNote: string | undefined;
  const requested = options.dialect ?? "auto";
  if (requested === "auto") {
    const detection = detectDialect(docs, nameResolver(docs.map((d) => ({ path: d.path, ...(d.title ? { title: d.title.text } : {}) }))));
    append(diagnostics, detection.diagnostics);
    dialect = detection.dialect;
    if (dialect) dialectNote = detection.note;
  } else {
    dialect = getDialect(requested);
    if (!dialect) throw new UsageError(`unknown dialect '${requested}'`);
  }
  if (!dialect) {
    return { ir: { version: 1, dialect: "unknown", models: [], diagnostics: sortDiagnostics(diagnostics) } };
  }
  const ir = buildIR(docs, dialect, diagnostics, options);
  return { ir, ...(dialectNote ? { dialectNote } : {}) };
}

export interface GenerateOptions extends IROptions, Partial<EmitOptions> {
  templates?: Templates;
}

/** Read, build and emit: the files for `input`, or none when the docs have errors. */
export function generate(input: string | readonly DocSource[], options: GenerateOptions = {}): IRResult & { files: OutputFile[] } {
  const result = loadIR(input, options);
  if (result.ir.diagnostics.some((d) => d.severity === "error")) return { ...result, files: [] };
  const files = emitFiles(result.ir, {
    ...DEFAULT_OPTIONS,
    ...definedOnly(options),
    version: VERSION,
    ...(options.templates ? { templates: options.templates } : {}),
  });
  return { ...result, files };
}

function definedOnly(options: GenerateOptions): Partial<EmitOptions> {
  const out: Partial<EmitOptions> = {};
  if (options.emit) out.emit = options.emit;
  if (options.unknownKeys) out.unknownKeys = options.unknownKeys;
  if (options.enums) out.enums = options.enums;
  if (options.types) out.types = options.types;
  return out;
}
