/**
 * The IR: plain, JSON-serialisable data that every stage after the dialects reads.
 * This is the public contract printed by `docs2ts ir` (see DESIGN.md); extend it, never change it.
 */

export type DialectName =
  | "ruby-sorbet"
  | "ruby-crystalline"
  | "python"
  | "typescript"
  | "go"
  | "java"
  | "csharp"
  | "php";

export interface IR {
  version: 1;
  dialect: string;
  models: Model[];
  diagnostics: Diagnostic[];
}

export type ModelKind = "object" | "enum" | "union";

export interface Model {
  /** Doc path relative to the input root, '/' separators: "models/shared/phonenumber.md". */
  source: string;
  line: number;
  /** The heading as written. */
  title: string;
  /** The TypeScript identifier chosen by the naming pass. */
  name: string;
  kind: ModelKind;
  description?: string;
  deprecated?: boolean;
  fields?: Field[];
  values?: EnumValue[];
  /**
   * An enum the docs mark open (Speakeasy's `Open enum` note in its `## Example Usage` code, from
   * `x-speakeasy-unknown-values: allow` in the OpenAPI document): the API may send values it does
   * not list, so its validator accepts any value of the listed values' kinds.
   */
  open?: boolean;
  /**
   * An enum whose Values table writes every value as a number (`| ZERO | 0 |`): the docs do not
   * say whether the API sends numbers or strings. The `numericEnums` policy (ir/policies.ts) chose
   * the kind of `values`: numbers unless the config says strings.
   */
  numericText?: true;
  members?: TypeRef[];
  /**
   * Objects whose doc declares what undeclared keys hold (python's `__pydantic_extra__` field):
   * such keys are accepted whatever the `unknownKeys` option says.
   */
  additionalProperties?: TypeRef;
  /** Example values kept from the doc (`## Example Usage`). */
  examples?: string[];
}

export interface EnumValue {
  name?: string;
  value: string | number;
  line?: number;
}

export interface Field {
  /** As written in the docs (the JSON key for snake_case dialects). */
  name: string;
  /** The JSON key when the `keys` option converts `name` (`ClientID` -> `client_id`); absent when they are equal. */
  wireName?: string;
  type: TypeRef;
  /** The Required column. */
  required: boolean;
  /** Null is an accepted value. */
  nullable: boolean;
  /**
   * Present (true) when the docs cannot say whether null is accepted and `nullable` is the
   * dialect's assumption (Sorbet's optional fields, all `T.nilable`); the `nullability` policy
   * decides those fields.
   */
  nullableAssumed?: true;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
  line: number;
}

export type ScalarKind =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "any"
  | "null"
  | "date"
  | "datetime"
  | "bigint"
  | "decimal"
  | "binary";

export type TypeRef =
  | { kind: ScalarKind }
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "array"; items: TypeRef }
  | { kind: "map"; values: TypeRef }
  | { kind: "ref"; target: string }
  | { kind: "union"; members: TypeRef[] }
  | { kind: "external"; name: string };

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the input root, '/' separators. */
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}
