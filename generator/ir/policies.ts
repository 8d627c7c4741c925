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

export interface NullabilityOptions {
  nullability?: NullabilityPolicy;
  nullable?: readonly NullableOverride[];
}

/**
 * The models with the nullability policy and the per-field overrides applied, and an error for
 * each override that names no field. Pure: the models given are not changed; `nullableAssumed`
 * stays (it says what the docs could not).
 */
export function applyNullability(models: readonly Model[], options: NullabilityOptions): { models: readonly Model[]; diagnostics: Diagnostic[] } {
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
