import type { Diagnostic, Model } from "./types.js";

/**
 * What null means where the docs cannot say (see README, "Optional and nullable"):
 * - `as-documented`: each dialect's rule (Sorbet's optional fields accept null, Python's
 *   `Optional[T]` does not, ...): the field's `nullable` as read.
 * - `strict`: null only where the docs say so: fields whose `nullable` was an assumption
 *   (`nullableAssumed`) reject null.
 * - `lenient`: every optional field also accepts null (APIs that send `null` for "not set" even
 *   where the docs say `Optional[T]`).
 */
export const NULLABILITY_POLICIES = ["as-documented", "strict", "lenient"] as const;
export type NullabilityPolicy = (typeof NULLABILITY_POLICIES)[number];

/** One field whose nullability the config sets by hand: `"User.backup_codes": true`. */
export interface NullableOverride {
  /** `Model.field`: the model's TypeScript name, the field as the generated interface (or the doc) names it. */
  key: string;
  nullable: boolean;
  /** Where the override is written, for the diagnostic when it names no field. */
  file: string;
  line: number;
  column: number;
}

/**
 * The IR's policies for what the docs cannot say: null (above), and the kind of enum values that a
 * Values table writes as numbers (below).
 */
export interface PolicyOptions {
  nullability?: NullabilityPolicy;
  nullable?: readonly NullableOverride[];
  numericEnums?: NumericEnums;
}

/**
 * The models with the nullability policy and the per-field overrides applied, and an error for
 * each override that names no field. Pure: the models given are not changed; `nullableAssumed`
 * stays (it says what the docs could not).
 */
export function applyNullability(models: readonly Model[], options: PolicyOptions): { models: readonly Model[]; diagnostics: Diagnostic[] } {
  const policy = options.nullability ?? "as-documented";
  const overrides = new Map((options.nullable ?? []).map((o) => [o.key, o] as const));
  if (policy === "as-documented" && overrides.size === 0) return { models, diagnostics: [] };
  const used = new Set<string>();
  const out = models.map((model): Model => {
    if (!model.fields) return model;
    let changed = false;
    const fields = model.fields.map((field) => {
      // The field as the generated interface writes it (its wire name under `keys`), or as the docs do.
      const keys = [`${model.name}.${field.wireName ?? field.name}`, `${model.name}.${field.name}`];
      const key = keys.find((k) => overrides.has(k));
      const override = key === undefined ? undefined : overrides.get(key);
      if (key !== undefined) used.add(key);
      const nullable = override ? override.nullable : decide(policy, field.required, field.nullable, field.nullableAssumed === true);
      if (nullable === field.nullable) return field;
      changed = true;
      return { ...field, nullable };
    });
    return changed ? { ...model, fields } : model;
  });
  const diagnostics: Diagnostic[] = [...overrides.values()]
    .filter((o) => !used.has(o.key))
    .map((o) => ({
      severity: "error",
      file: o.file,
      line: o.line,
      column: o.column,
      code: "unknown-override",
      message: `the nullable override "${o.key}" names no field (write ModelName.field_name, as in the generated types)`,
    }));
  return { models: out, diagnostics };
}

function decide(policy: NullabilityPolicy, required: boolean, nullable: boolean, assumed: boolean): boolean {
  switch (policy) {
    case "as-documented":
      return nullable;
    case "strict":
      return assumed ? false : nullable;
    case "lenient":
      return required ? nullable : true;
  }
}

/**
 * What an enum's values are when its Values table writes every one of them as a number (`| ZERO | 0 |`):
 * Speakeasy writes a table the same way for `type: integer` and for `type: string` enums, so the
 * docs do not say whether the API sends `0` or `"0"` (such enums carry `numericText` in the IR).
 * - `number` (the default): read as numbers, the likelier kind;
 * - `string`: the text as written.
 * The config sets it for every such enum (`"numericEnums": "string"`) or per enum by its TypeScript
 * name (`{ "Importance": "number" }`); an enum that neither names gets a `numeric-enum` warning,
 * which names the choice made and how to make the other.
 */
export const NUMERIC_ENUM_KINDS = ["number", "string"] as const;
export type NumericEnumKind = (typeof NUMERIC_ENUM_KINDS)[number];

export interface NumericEnums {
  /** For every enum that `byModel` does not name. */
  all?: NumericEnumKind;
  /** Per enum, with where each is written (for the error when it names no such enum). */
  byModel?: readonly { model: string; kind: NumericEnumKind; file: string; line: number; column: number }[];
}

/**
 * The models with the numeric-enum policy applied: the values of each enum marked `numericText`
 * become numbers unless the config says `string`; a warning for each enum the config does not
 * name (unless it chooses for all), an error for each name that is no such enum. Pure.
 */
export function applyNumericEnums(models: readonly Model[], options: PolicyOptions): { models: readonly Model[]; diagnostics: Diagnostic[] } {
  const chosen = options.numericEnums ?? {};
  const byModel = new Map((chosen.byModel ?? []).map((o) => [o.model, o] as const));
  const used = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const out = models.map((model): Model => {
    if (!model.numericText || !model.values) return model;
    const named = byModel.get(model.name);
    if (named) used.add(model.name);
    const kind = named?.kind ?? chosen.all;
    if (kind === undefined) {
      const first = model.values[0];
      diagnostics.push({
        severity: "warning",
        file: model.source,
        line: first?.line ?? model.line,
        column: 1,
        code: "numeric-enum",
        message:
          `the Values table writes every value as a number, and the docs do not say whether the API sends numbers or strings: ` +
          `read as numbers (to choose, set "numericEnums": { "${model.name}": "number" } or "string" in the config; "numericEnums": "number" chooses for every such enum)`,
      });
    }
    if (kind === "string") return model;
    return { ...model, values: model.values.map((v) => ({ ...v, value: typeof v.value === "string" ? Number(v.value) : v.value })) };
  });
  for (const o of byModel.values()) {
    if (used.has(o.model)) continue;
    diagnostics.push({
      severity: "error",
      file: o.file,
      line: o.line,
      column: o.column,
      code: "unknown-override",
      message: `"numericEnums" names "${o.model}", which is no enum whose values the docs write as numbers (write the enum's TypeScript name, as in the generated types)`,
    });
  }
  return { models: out, diagnostics };
}
