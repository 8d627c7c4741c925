/**
 * A small hand-written doc tree (Sorbet dialect) with what the clerk corpus lacks: union models
 * (`## Supported Types`), discriminated and not, inline `T.any(...)` unions, dates, decimals,
 * maps, a nullable required field, a self-referential model and enums. Written by us for tests.
 */
import { fieldsDoc } from "./cli.js";

const sorbet = (name: string) => `[::Zoo::Shared::${name}](../../models/shared/${name.toLowerCase()}.md)`;

function enumDoc(title: string, values: string[]): string {
  const rows = values.map((v) => `| \`${v.toUpperCase()}\` | ${v} |`).join("\n");
  return `# ${title}\n\nAn enum.\n\n## Values\n\n| Name | Value |\n| --- | --- |\n${rows}\n`;
}

function unionDoc(title: string, members: string[]): string {
  return `# ${title}\n\nA union.\n\n## Supported Types\n\n${members.map((m) => `### ${m}\n\n\`\`\`ruby\nvalue = nil\n\`\`\`\n`).join("\n")}`;
}

export const zooDocs: Record<string, string> = {
  "models/shared/cattype.md": enumDoc("CatType", ["cat"]),
  "models/shared/dogtype.md": enumDoc("DogType", ["dog"]),
  "models/shared/colour.md": enumDoc("Colour", ["red", "green", "blue"]),
  "models/shared/cat.md": fieldsDoc("Cat", [
    ["type", sorbet("CatType"), true],
    ["name", "*::String*", true],
    ["lives", "*T.nilable(::Integer)*", false],
  ]),
  "models/shared/dog.md": fieldsDoc("Dog", [
    ["type", sorbet("DogType"), true],
    ["name", "*::String*", true],
    ["good", "*T::Boolean*", true],
    ["colour", sorbet("Colour"), false],
  ]),
  "models/shared/point.md": fieldsDoc("Point", [
    ["x", "*::Float*", true],
    ["y", "*::Float*", true],
  ]),
  // A discriminated union model: every member is an object with a required single-value enum `type`.
  "models/shared/pet.md": unionDoc("Pet", [sorbet("Cat"), sorbet("Dog")]),
  // A union model that cannot be discriminated: scalars and an object.
  "models/shared/shape.md": unionDoc("Shape", ["*::String*", "*::Integer*", sorbet("Point")]),
  "models/shared/event.md": fieldsDoc("Event", [
    ["id", "*::String*", true],
    ["day", "*Date*", true],
    ["at", "*T.nilable(DateTime)*", false],
    ["pet", sorbet("Pet"), true],
    ["shape", `T.nilable(${sorbet("Shape")})`, false],
    ["value", "T.any(::String, ::Integer)", true],
    ["friend", `T.any(${sorbet("Cat")}, ${sorbet("Dog")})`, false],
    ["note", "*T.nilable(::String)*", true],
    ["counts", "T::Hash[Symbol, ::Integer]", false],
    ["amount", "*::BigDecimal*", false],
    ["colours", `T::Array<${sorbet("Colour")}>`, false],
    ["parent", `[T.nilable(::Zoo::Shared::Event)](../../models/shared/event.md)`, false],
    ["__proto__", "*T.nilable(::String)*", false],
    ["a/b~c", "*T.nilable(::Integer)*", false],
  ]),
};
