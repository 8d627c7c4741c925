// The runtime helpers of docs2ts-generated validators. docs2ts copies this file, as it is,
// into every output folder: generated code depends on nothing else.

/** One problem found in a value, at a JSON Pointer path ("" is the value itself). */
export interface ValidationIssue {
  path: string;
  message: string;
  expected?: string;
  received?: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

/** Thrown by the `assertX` functions; `issues` holds every problem found. */
export class ValidationError extends Error {
  readonly issues: readonly ValidationIssue[];
  constructor(model: string, issues: readonly ValidationIssue[]) {
    super(`invalid ${model}:\n` + issues.map((i) => `  ${i.path || "/"}: ${i.message}`).join("\n"));
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/** Standard Schema v1 (https://standardschema.dev), declared here so that nothing is imported. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}
export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** A Standard Schema v1 object around a generated `validateX` function. */
export function standardSchema<T>(validate: (value: unknown) => ValidationResult<T>): StandardSchemaV1<unknown, T> {
  return {
    "~standard": {
      version: 1,
      vendor: "docs2ts",
      validate(value: unknown): StandardSchemaV1.Result<T> {
        const r = validate(value);
        if (r.ok) return { value: r.value };
        return { issues: r.errors.map((e) => ({ message: e.message, path: pointerSegments(e.path) })) };
      },
    },
  };
}

/** "/a/0/b~1c" -> ["a", "0", "b/c"]. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Escape one JSON Pointer segment (RFC 6901). */
export function pointerKey(key: string): string {
  return key.indexOf("~") < 0 && key.indexOf("/") < 0 ? key : key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Nesting depth at which validators stop and report, instead of overflowing the stack. */
export const MAX_DEPTH = 512;

export const hasOwn: (o: object, key: string) => boolean = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
export const isArray: (value: unknown) => value is unknown[] = Array.isArray;
export const isInteger: (value: unknown) => boolean = Number.isInteger;

/**
 * Whether an object's prototype is Object.prototype or null, as JSON.parse makes them: a key read
 * by name is then its own or Object.prototype's. The one prototype test of the validators (fast
 * path, slow path, validateX); small enough for V8 to inline, and where it knows the object's map
 * it folds the call to a constant.
 */
export function hasPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Object.prototype seen as a map of keys, to check that it does not carry a key. */
export type ObjectIndex = { readonly [key: string]: unknown };

/** The values of a large enum, for `has` checks. */
export function enumSet(values: readonly unknown[]): ReadonlySet<unknown> {
  return new Set(values);
}

/** A plain object: not null, not an array. */
export function isRecord(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

/** An ISO-8601 calendar date, `2024-02-29`. */
export function isDateString(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DATE.exec(value);
  return m !== null && validDate(+m[1]!, +m[2]!, +m[3]!);
}

/** An RFC 3339 date-time with an offset, `2024-02-29T12:00:00Z`. */
export function isDateTimeString(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DATE_TIME.exec(value);
  return m !== null && validDate(+m[1]!, +m[2]!, +m[3]!) && +m[4]! < 24 && +m[5]! < 60 && +m[6]! < 61;
}

/** A `Date` object holding a valid time (config `types`: `"Date"`). Never throws. */
export function isValidDate(value: unknown): value is Date {
  if (typeof value !== "object" || value === null) return false;
  try {
    return !Number.isNaN(Date.prototype.getTime.call(value));
  } catch {
    return false; // not a Date, whatever its prototype says
  }
}

/** An integer as a JSON number or as a string of digits (big integers). */
export function isBigIntLike(value: unknown): boolean {
  return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value));
}

/** A decimal as a JSON number or as a decimal string. */
export function isDecimalLike(value: unknown): boolean {
  return (typeof value === "number" && Number.isFinite(value)) || (typeof value === "string" && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value));
}

/** Binary content: a string (base64 or raw) or bytes. */
export function isBinary(value: unknown): boolean {
  return typeof value === "string" || value instanceof Uint8Array;
}

/** The JSON kind of a value, for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : Number.isFinite(value) ? "number" : String(value);
  return typeof value;
}

/** An issue "expected X, received Y" at `path`. */
export function issue(path: string, expected: string, value: unknown): ValidationIssue {
  const received = kindOf(value);
  return { path, message: `expected ${expected}, received ${received}`, expected, received };
}

/** An issue for a required key that is missing. */
export function missing(path: string, expected: string): ValidationIssue {
  return { path, message: `required property is missing (expected ${expected})`, expected, received: "undefined" };
}

/** An issue for a key that the model does not declare (unknown keys rejected). */
export function unknownKey(path: string): ValidationIssue {
  return { path, message: "property is not declared by the model", received: "unknown property" };
}

/** An issue for a value nested deeper than MAX_DEPTH. */
export function tooDeep(path: string): ValidationIssue {
  return { path, message: `value is nested deeper than ${MAX_DEPTH} levels` };
}

/**
 * The issue for a value that could not be read (a getter or Proxy trap threw: `e`), or, with
 * `undefined`, for a value the fast path rejected and the slow path found nothing in.
 */
export function unreadable(e: unknown): ValidationIssue {
  if (e === undefined) return { path: "", message: "value could not be validated" };
  return { path: "", message: `value could not be read: ${e instanceof Error ? e.message : String(e)}` };
}
