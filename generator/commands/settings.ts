import { existsSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { CONFIG_FILE, type Config, parseEmit, readConfig } from "../config.js";
import { DIALECT_NAMES } from "../dialects/names.js";
import { DEFAULT_OPTIONS, type EmitOptions } from "../emit/context.js";
import { NULLABILITY_POLICIES, type PolicyOptions } from "../ir/policies.js";
import { KEY_STYLES, type KeyStyle } from "../ir/keys.js";
import type { Io, Values } from "./command.js";

/**
 * What the commands share: the config file (found, read, checked), then flags over it.
 * Flags win over the config; paths in the config are relative to the config file.
 */
export interface Settings {
  /** The config file read, if any. */
  configPath?: string;
  config: Config;
  input: string;
  dialect: string;
  /** The IR's policies: the nullability policy and the config's per-field overrides, the numeric-enum choices. */
  policies: PolicyOptions;
  /** The JSON keys (the `keys` option): `--keys`, else config "keys", else as-written. */
  keys: KeyStyle;
  /** Whether `--keys` or the config chose them (else the default: a run may suggest a style). */
  keysGiven: boolean;
}

/** `--keys STYLE`, for every command that reads docs. */
export const KEYS_OPTION = {
  keys: { type: "string" },
} as const;

export const INPUT_OPTIONS = {
  input: { type: "string" },
  config: { type: "string" },
  dialect: { type: "string" },
  ...KEYS_OPTION,
  nullability: { type: "string" },
} as const;

/**
 * A path flag's value, which may not be empty: `--out "$OUT"` with OUT unset would otherwise be
 * the current folder, and the output would land among the project's own files. `folder`: the
 * flag names a folder, for which '.' is said instead.
 */
export function nonEmpty(value: string, flag: string, folder = true): string {
  if (value.trim() === "") throw new UsageError(`${flag} needs a path; it was given an empty one${folder ? " (use '.' for the current folder)" : ""}`);
  return value;
}

export function configPathOf(values: Values, io: Io): string | undefined {
  if (typeof values.config === "string") return resolve(io.cwd, nonEmpty(values.config, "--config", false));
  const local = resolve(io.cwd, CONFIG_FILE);
  return existsSync(local) ? local : undefined;
}

/** Config, input folder, dialect and key style, checked. */
export function inputSettings(values: Values, io: Io): Settings {
  const configPath = configPathOf(values, io);
  const config: Config = configPath ? readConfig(configPath, relative(io.cwd, configPath) || configPath) : {};
  const input = typeof values.input === "string" ? resolve(io.cwd, nonEmpty(values.input, "--input")) : config.input;
  if (!input) throw new UsageError('no input folder: pass --input DIR or set "input" in the config');
  checkFolder(input, "input");
  const dialect = (typeof values.dialect === "string" ? values.dialect : undefined) ?? config.dialect ?? "auto";
  checkDialect(dialect);
  const policy = choice(values.nullability, "--nullability", NULLABILITY_POLICIES) ?? config.nullability;
  const policies: PolicyOptions = {
    ...(policy ? { nullability: policy } : {}),
    ...(config.nullable ? { nullable: config.nullable } : {}),
    ...(config.numericEnums ? { numericEnums: config.numericEnums } : {}),
  };
  const keys = keysOf(values, config);
  const keysGiven = values.keys !== undefined || config.keys !== undefined;
  return { ...(configPath ? { configPath } : {}), config, input, dialect, keys, keysGiven, policies };
}

/** The key style: the `--keys` flag over the config's "keys"; as-written when neither says. */
export function keysOf(values: Values, config: Config = {}): KeyStyle {
  return choice(values.keys, "--keys", KEY_STYLES) ?? config.keys ?? "as-written";
}

export function checkFolder(path: string, what: string): void {
  if (!existsSync(path)) throw new UsageError(`the ${what} folder ${path} does not exist`);
  if (!statSync(path).isDirectory()) throw new UsageError(`the ${what} folder ${path} is a file, not a folder`);
}

/** An output folder is a folder, or can be made one: the nearest path above it that exists is a folder. */
function checkOutFolder(path: string): void {
  let at = path;
  while (!existsSync(at)) {
    const up = dirname(at);
    if (up === at) return;
    at = up;
  }
  if (statSync(at).isDirectory()) return;
  throw new UsageError(at === path ? `the output folder ${path} is a file, not a folder` : `the output folder ${path} cannot be made: ${at} is a file`);
}

export function checkDialect(dialect: string): void {
  if (dialect !== "auto" && !(DIALECT_NAMES as readonly string[]).includes(dialect)) {
    throw new UsageError(`unknown dialect '${dialect}'; use one of ${DIALECT_NAMES.join(", ")} or auto`);
  }
}

export interface GenerateSettings extends Settings {
  out: string;
  options: EmitOptions;
}

/** Everything `generate` needs. */
export function generateSettings(values: Values, io: Io): GenerateSettings {
  const base = inputSettings(values, io);
  const { config } = base;
  const out = typeof values.out === "string" ? resolve(io.cwd, nonEmpty(values.out, "--out")) : config.out;
  if (!out) throw new UsageError('no output folder: pass --out DIR or set "out" in the config');
  checkOutFolder(out);
  const emit = typeof values.emit === "string" ? parseEmit(values.emit, (m) => { throw new UsageError(`--emit ${m}`); }) : config.emit;
  const unknownKeys = choice(values["unknown-keys"], "--unknown-keys", ["accept", "reject"] as const) ?? config.unknownKeys;
  const enums = choice(values.enums, "--enums", ["closed", "open"] as const) ?? config.enums;
  const options: EmitOptions = {
    ...DEFAULT_OPTIONS,
    ...(emit ? { emit } : {}),
    ...(unknownKeys ? { unknownKeys } : {}),
    ...(enums ? { enums } : {}),
    ...(config.types ? { types: config.types } : {}),
  };
  return { ...base, out, options };
}

/** A flag whose value is one of a few words (absent: undefined). */
function choice<T extends string>(value: unknown, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`unknown ${flag} '${String(value)}'; use one of ${allowed.join(", ")}`);
  }
  return value as T;
}
