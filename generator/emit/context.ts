import type { Model } from "../ir/types.js";

/** Choices that change the generated code (from the config / CLI). */
export interface EmitOptions {
  /** What to emit. */
  emit: { types: boolean; validators: boolean; jsonschema: boolean };
  /** Keys that a model does not declare: accepted (default) or reported. */
  unknownKeys: "accept" | "reject";
  /** Enums closed (default: only the listed values) or open (any value of the same kind). */
  enums: "closed" | "open";
  /** How some IR types are written (config `types`); absent means the default. */
  types?: TypeOverrides;
}

/**
 * Type overrides. `date` and `datetime` are `string` by default (validators check the ISO 8601
 * / RFC 3339 format); `"Date"` makes the type `Date` and the validator accept only valid `Date`
 * objects (docs2ts does not convert: parse the JSON with a reviver first).
 */
export interface TypeOverrides {
  date?: "string" | "Date";
  datetime?: "string" | "Date";
}

export const TYPE_OVERRIDES: Record<keyof TypeOverrides, readonly string[]> = {
  date: ["string", "Date"],
  datetime: ["string", "Date"],
};

/**
 * Whether an enum accepts values it does not list: every enum with `enums: "open"`, and with the
 * default the enums the docs mark open (`Model.open`: the API says it may send other values, so a
 * closed check would reject its real responses).
 */
export function enumIsOpen(model: Model, options: EmitOptions): boolean {
  return model.kind === "enum" && (options.enums === "open" || model.open === true);
}

export const DEFAULT_OPTIONS: EmitOptions = {
  emit: { types: true, validators: true, jsonschema: false },
  unknownKeys: "accept",
  enums: "closed",
};

/** What one file being emitted needs to know and collects as it goes. */
export class FileContext {
  /** Other models this file refers to, by source, with what it uses of each. */
  readonly refs = new Map<string, Set<"type" | "is" | "check">>();
  /** Runtime helpers this file uses (names in runtime.ts). */
  readonly runtime = new Set<string>();
  /** Runtime types this file uses. */
  readonly runtimeTypes = new Set<string>();
  /** File-level statements (hoisted sets, helper functions) added while emitting. */
  readonly hoisted: string[] = [];
  private counter = 0;

  constructor(
    readonly model: Model,
    readonly models: ReadonlyMap<string, Model>,
    readonly options: EmitOptions,
  ) {}

  /** A fresh local name: generated locals are named by counter, never from doc text. */
  local(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  /** The model a ref points to (the IR guarantees it exists). */
  target(source: string): Model {
    const m = this.models.get(source);
    if (!m) throw new Error(`internal: no model for ${source}`);
    return m;
  }

  /** Use a runtime helper: returns its local name (`$name`). */
  readonly rt = (name: string): string => {
    this.runtime.add(name);
    return `$${name}`;
  };

  /** Use a runtime type: returns its local name. */
  rtType(name: string): string {
    this.runtimeTypes.add(name);
    return `$${name}`;
  }

  /** Refer to another model's type (or this one's): returns the model. */
  ref(source: string): Model {
    return this.use(source, "type");
  }

  /** Call another model's fast-path (`is`) or collecting (`check`) function: returns its name. */
  fn(source: string, which: "is" | "check"): string {
    return `$${which}_${this.use(source, which).name}`;
  }

  private use(source: string, what: "type" | "is" | "check"): Model {
    const m = this.target(source);
    if (source !== this.model.source) {
      const set = this.refs.get(source) ?? new Set();
      set.add(what);
      this.refs.set(source, set);
    }
    return m;
  }
}
