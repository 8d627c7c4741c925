import type { InterfaceDeclarationStructure, StatementStructures, TypeAliasDeclarationStructure } from "ts-morph";
import { StructureKind } from "./ts-morph.js";
import type { Field, Model, TypeRef } from "../ir/types.js";
import { fieldKey } from "../ir/keys.js";
import { enumIsOpen, type FileContext } from "./context.js";
import { docText, objectLiteralKey, propertyKey, stringLiteral, valueLiteral } from "./escape.js";

/**
 * TypeScript types for the IR: one function per TypeRef kind (`typeExpr`) and one per model
 * kind (`modelTypes`). The mapping is documented in the README:
 * date / datetime -> string (ISO 8601), bigint / decimal -> number | string,
 * binary -> string | Uint8Array, any / external -> unknown, map -> { [key: string]: T }.
 */
export function typeExpr(t: TypeRef, ctx: FileContext): string {
  switch (t.kind) {
    case "string":
      return "string";
    case "date":
    case "datetime":
      return ctx.options.types?.[t.kind] ?? "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "any":
    case "external":
      return "unknown";
    case "bigint":
    case "decimal":
      return "number | string";
    case "binary":
      return "string | Uint8Array";
    case "literal":
      return valueLiteral(t.value);
    case "array": {
      const inner = typeExpr(t.items, ctx);
      return needsParens(t.items) ? `(${inner})[]` : `${inner}[]`;
    }
    case "map":
      return `{ [key: string]: ${typeExpr(t.values, ctx)} }`;
    case "ref":
      return ctx.ref(t.target).name;
    case "union":
      return [...new Set(t.members.map((m) => typeExpr(m, ctx)))].join(" | ");
  }
}

function needsParens(t: TypeRef): boolean {
  return t.kind === "union" || t.kind === "bigint" || t.kind === "decimal" || t.kind === "binary";
}

/** The field's full type: `| null` when null is accepted. */
export function fieldType(f: Field, ctx: FileContext): string {
  const base = typeExpr(f.type, ctx);
  if (!f.nullable || base === "unknown" || acceptsNull(f.type)) return base;
  return `${base} | null`;
}

/**
 * An optional property's type: the validators take an own key holding `undefined` for an absent
 * one (as JSON Schema validators do), so the type says so too; without it, under
 * `exactOptionalPropertyTypes`, `isX` would narrow such a value to a type that excludes it.
 */
function optionalType(type: string): string {
  return type === "unknown" ? type : `${type} | undefined`;
}

function acceptsNull(t: TypeRef): boolean {
  return t.kind === "null" || (t.kind === "literal" && t.value === null) || (t.kind === "union" && t.members.some(acceptsNull));
}

/** JSDoc lines for a description, a deprecation and an example. */
export function jsDoc(parts: { description?: string | undefined; deprecated?: boolean | undefined; example?: unknown; source?: string }): string[] {
  const lines: string[] = [];
  if (parts.description) lines.push(docText(parts.description));
  if (parts.example !== undefined) {
    const text = typeof parts.example === "string" ? parts.example : JSON.stringify(parts.example);
    lines.push(`@example ${docText(text)}`);
  }
  if (parts.deprecated) lines.push("@deprecated");
  if (parts.source) lines.push(`@see ${docText(parts.source)}`);
  return lines.length > 0 ? [lines.join("\n")] : [];
}

/** The declarations of a model's type: an interface, a type alias, or an enum's union + const object. */
/** A JSDoc block for text already made safe by `jsDoc` (one string, lines joined by "\n"). */
function docBlock(docs: string[]): string {
  if (docs.length === 0) return "";
  const lines = docs.join("\n").split("\n");
  return lines.length === 1 ? `/** ${lines[0]} */\n` : `/**\n${lines.map((l) => (l ? ` * ${l}` : " *")).join("\n")}\n */\n`;
}

export function modelTypes(model: Model, ctx: FileContext): (StatementStructures | string)[] {
  const docs = jsDoc({ description: model.description, deprecated: model.deprecated });
  switch (model.kind) {
    case "object": {
      const fields = model.fields ?? [];
      const iface: InterfaceDeclarationStructure = {
        kind: StructureKind.Interface,
        name: model.name,
        isExported: true,
        docs,
        properties: fields.map((f) => ({
          name: propertyKey(fieldKey(f)),
          type: f.required ? fieldType(f, ctx) : optionalType(fieldType(f, ctx)),
          hasQuestionToken: !f.required,
          docs: jsDoc({ description: f.description, deprecated: f.deprecated, example: f.example }),
        })),
      };
      // A free-form object (no fields documented), or one whose doc declares its undeclared keys.
      if (fields.length === 0 || model.additionalProperties) iface.indexSignatures = [{ keyName: "key", keyType: "string", returnType: "unknown" }];
      return [iface];
    }
    case "enum": {
      const values = model.values ?? [];
      const union = [...new Set(values.map((v) => valueLiteral(v.value)))];
      if (enumIsOpen(model, ctx.options)) {
        const kinds = new Set(values.map((v) => typeof v.value));
        for (const k of [...kinds].sort()) union.push(`(${k} & {})`);
      }
      const alias: TypeAliasDeclarationStructure = {
        kind: StructureKind.TypeAlias,
        name: model.name,
        isExported: true,
        docs,
        type: union.join(" | "),
      };
      // Written as text: ts-morph would hang-indent the multi-line object literal.
      const object = `${docBlock(docs)}export const ${model.name} = ${enumObject(model)};`;
      return [alias, object];
    }
    case "union": {
      const type = typeExpr({ kind: "union", members: model.members ?? [] }, ctx);
      return [{ kind: StructureKind.TypeAlias, name: model.name, isExported: true, docs, type }];
    }
  }
}

/** `{ NAME: "value", ... } as const`, with member names made unique and safe. */
function enumObject(model: Model): string {
  const used = new Set<string>();
  const entries: string[] = [];
  for (const v of model.values ?? []) {
    let key = v.name && v.name.trim() !== "" ? v.name : memberName(String(v.value));
    const wanted = key;
    for (let n = 2; used.has(key); n++) key = `${wanted}_${n}`;
    used.add(key);
    entries.push(`${objectLiteralKey(key)}: ${valueLiteral(v.value)}`);
  }
  return `{\n${entries.map((e) => `    ${e},`).join("\n")}\n} as const`;
}

/** An UPPER_SNAKE member name for a value that has none. */
export function memberName(value: string): string {
  const name = value
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  if (name === "") return "EMPTY";
  return /^[0-9]/.test(name) ? `VALUE_${name}` : name;
}

export { stringLiteral };
