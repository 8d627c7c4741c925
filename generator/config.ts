import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DIALECT_NAMES } from "./dialects/names.js";
import { TYPE_OVERRIDES, type TypeOverrides } from "./emit/context.js";
import type { EmitOptions } from "./emit/index.js";
import { NULLABILITY_POLICIES, NUMERIC_ENUM_KINDS, type NullabilityPolicy, type NullableOverride, type NumericEnumKind, type NumericEnums } from "./ir/policies.js";
import { TEMPLATE_NAMES } from "./emit/templates.js";
import { KEY_STYLES, type KeyStyle } from "./ir/keys.js";
import { decodeText } from "./markdown/files.js";

/** `docs2ts.config.json`: every key optional; paths are relative to the config file. */
export interface Config {
  input?: string;
  out?: string;
  dialect?: string;
  emit?: EmitOptions["emit"];
  unknownKeys?: EmitOptions["unknownKeys"];
  enums?: EmitOptions["enums"];
  /** The JSON keys: the Field column as written, or converted (`snake_case`, `camelCase`). */
  keys?: KeyStyle;
  /** A folder whose `banner.hbs`, `index.hbs`, `readme.hbs` replace ours. */
  templates?: string;
  /** Where the incremental cache lives (default: node_modules/.cache/docs2ts of the project). */
  cacheDir?: string;
  /** How some IR types are written: `{ "datetime": "Date" }`. */
  types?: TypeOverrides;
  /** What null means where the docs cannot say (README, "Optional and nullable"). */
  nullability?: NullabilityPolicy;
  /** Per-field nullability by hand: `{ "User.backup_codes": true }`. */
  nullable?: NullableOverride[];
  /** The kind of enum values that Values tables write as numbers: `"string"`, or `{ "Importance": "number" }`. */
  numericEnums?: NumericEnums;
}

export const CONFIG_FILE = "docs2ts.config.json";

export class ConfigError extends Error {}

/** Every key a config file may hold (`docs2ts.config.schema.json` describes the same). */
export const CONFIG_KEYS = ["$schema", "input", "out", "dialect", "emit", "unknownKeys", "enums", "keys", "nullability", "nullable", "numericEnums", "templates", "types", "cacheDir"];
const KEYS = CONFIG_KEYS;

/**
 * Read and check a config file; throws ConfigError with the file and the key at fault. `shown`
 * is how diagnostics that point into the file name it (default: `path`).
 */
export function readConfig(path: string, shown = path): Config {
  let raw: unknown;
  let text = "";
  try {
    const decoded = decodeText(readFileSync(path));
    if (decoded === undefined) throw new ConfigError(`${path}: cannot be read as text (not UTF-8 or UTF-16)`);
    text = decoded;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: ${existsSync(path) ? `cannot be read as text (${(e as NodeJS.ErrnoException).code})` : "no such file"}`);
  }
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError(`${path}: the config must be a JSON object`);
  const obj = raw as Record<string, unknown>;
  const base = dirname(resolve(path));
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${path}: "${key}" ${message}`);
  };
  for (const key of Object.keys(obj)) {
    if (!KEYS.includes(key)) fail(key, `is not a config key (known: ${KEYS.slice(1).join(", ")})`);
  }
  const config: Config = {};
  const path_ = (key: "input" | "out" | "templates" | "cacheDir") => {
    const v = obj[key];
    if (v === undefined) return;
    if (typeof v !== "string" || v === "") fail(key, "must be a non-empty path string");
    config[key] = resolve(base, v as string);
  };
  path_("input");
  path_("out");
  path_("templates");
  path_("cacheDir");
  if (obj.dialect !== undefined) {
    if (typeof obj.dialect !== "string" || !["auto", ...DIALECT_NAMES].includes(obj.dialect)) {
      fail("dialect", `must be "auto" or one of ${DIALECT_NAMES.join(", ")}`);
    }
    config.dialect = obj.dialect as string;
  }
  if (obj.emit !== undefined) config.emit = parseEmit(obj.emit, (m) => fail("emit", m));
  if (obj.unknownKeys !== undefined) {
    if (obj.unknownKeys !== "accept" && obj.unknownKeys !== "reject") fail("unknownKeys", 'must be "accept" or "reject"');
    config.unknownKeys = obj.unknownKeys as EmitOptions["unknownKeys"];
  }
  if (obj.enums !== undefined) {
    if (obj.enums !== "closed" && obj.enums !== "open") fail("enums", 'must be "closed" or "open"');
    config.enums = obj.enums as EmitOptions["enums"];
  }
  if (obj.keys !== undefined) {
    if (typeof obj.keys !== "string" || !(KEY_STYLES as readonly string[]).includes(obj.keys)) fail("keys", `must be one of ${KEY_STYLES.map((k) => `"${k}"`).join(", ")}`);
    config.keys = obj.keys as KeyStyle;
  }
  if (obj.nullability !== undefined) {
    if (!(NULLABILITY_POLICIES as readonly unknown[]).includes(obj.nullability)) {
      fail("nullability", `must be ${NULLABILITY_POLICIES.map((p) => JSON.stringify(p)).join(", ")}`);
    }
    config.nullability = obj.nullability as NullabilityPolicy;
  }
  if (obj.nullable !== undefined) config.nullable = parseNullable(obj.nullable, text, shown, (m) => fail("nullable", m));
  if (obj.numericEnums !== undefined) config.numericEnums = parseNumericEnums(obj.numericEnums, text, shown, (m) => fail("numericEnums", m));
  if (config.templates) checkTemplates(config.templates, (m) => fail("templates", m));
  if (obj.types !== undefined) config.types = parseTypes(obj.types, (m) => fail("types", m));
  return config;
}

/** The templates folder exists and holds no `.hbs` file docs2ts would not use (a misspelt name). */
function checkTemplates(dir: string, fail: (message: string) => never): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`names ${dir}, which is not a folder`);
  const known = TEMPLATE_NAMES.map((n) => `${n}.hbs`);
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".hbs") && !known.includes(name)) fail(`holds ${name}, which is not a docs2ts template (${known.join(", ")})`);
  }
}

/** `{ "Model.field": true|false }`, each with where it is written in the file. */
function parseNullable(value: unknown, text: string, file: string, fail: (message: string) => never): NullableOverride[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail('must be an object such as { "User.backup_codes": true }');
  return Object.entries(value as object).map(([key, v]) => {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*\..+$/.test(key)) fail(`has "${key}"; write ModelName.field_name`);
    if (typeof v !== "boolean") fail(`"${key}" must be true or false`);
    return { key, nullable: v as boolean, file, ...keyPlace(text, "nullable", key) };
  });
}

/** `"number"` / `"string"` for every numeric enum, or `{ "Importance": "number", ... }` per enum. */
function parseNumericEnums(value: unknown, text: string, file: string, fail: (message: string) => never): NumericEnums {
  const kinds = NUMERIC_ENUM_KINDS.map((k) => JSON.stringify(k)).join(" or ");
  const isKind = (v: unknown): v is NumericEnumKind => (NUMERIC_ENUM_KINDS as readonly unknown[]).includes(v);
  if (isKind(value)) return { all: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(`must be ${kinds}, or an object such as { "Importance": "number" }`);
  const byModel = Object.entries(value as object).map(([model, v]) => {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(model)) fail(`has "${model}"; write the enum's TypeScript name`);
    if (!isKind(v)) fail(`"${model}" must be ${kinds}`);
    return { model, kind: v as NumericEnumKind, file, ...keyPlace(text, "numericEnums", model) };
  });
  return { byModel };
}

/** Where `key`, inside the config's object `section`, is written in the file (else the section's own key). */
function keyPlace(text: string, section: string, key: string): { line: number; column: number } {
  const block = Math.max(0, text.indexOf(JSON.stringify(section)));
  const at = text.indexOf(JSON.stringify(key), block);
  return positionIn(text, at >= 0 ? at : block);
}

function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function parseTypes(value: unknown, fail: (message: string) => never): TypeOverrides {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail('must be an object such as { "datetime": "Date" }');
  const out: TypeOverrides = {};
  for (const [key, v] of Object.entries(value as object)) {
    const allowed = TYPE_OVERRIDES[key as keyof TypeOverrides];
    if (!allowed) fail(`has "${key}"; types that can be overridden: ${Object.keys(TYPE_OVERRIDES).join(", ")}`);
    if (typeof v !== "string" || !allowed.includes(v)) fail(`"${key}" must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}`);
    out[key as keyof TypeOverrides] = v as "string" | "Date";
  }
  return out;
}

const EMIT_KINDS = ["types", "validators", "jsonschema"] as const;

/** `["types", "validators"]` or "types,validators" -> flags. Validators need types. */
export function parseEmit(value: unknown, fail: (message: string) => never): EmitOptions["emit"] {
  const list = typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === "string")) {
    return fail(`must list what to emit: ${EMIT_KINDS.join(", ")}`);
  }
  for (const x of list as string[]) {
    if (!(EMIT_KINDS as readonly string[]).includes(x)) fail(`has "${x}"; known: ${EMIT_KINDS.join(", ")}`);
  }
  const set = new Set(list as string[]);
  if (set.has("validators") && !set.has("types")) set.add("types");
  return { types: set.has("types"), validators: set.has("validators"), jsonschema: set.has("jsonschema") };
}
