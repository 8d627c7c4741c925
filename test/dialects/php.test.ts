import { describe, expect, it } from "vitest";
import { CellError } from "../../generator/dialects/cell.js";
import type { TypeContext } from "../../generator/dialects/dialect.js";
import { php } from "../../generator/dialects/php.js";
import { buildIR } from "../../generator/ir/build.js";
import type { TypeRef } from "../../generator/ir/types.js";
import { parseDoc } from "../../generator/markdown/parse.js";
import { headingCell, noNames, typeCell } from "../helpers/cells.js";

const S: TypeRef = { kind: "string" };
const I: TypeRef = { kind: "integer" };
const ref = (target: string): TypeRef => ({ kind: "ref", target });
const orNull = (t: TypeRef): TypeRef => ({ kind: "union", members: [t, { kind: "null" }] });
const DATE_OR_DATETIME: TypeRef = { kind: "union", members: [{ kind: "date" }, { kind: "datetime" }] };
const DOC = "Models/Components/Example.md";

/** Names the inline unions use; each resolves to a doc that is NOT the link's target. */
const NAMES: Record<string, string> = {
  "Components\\Oauth": "Models/Components/Oauth.md",
  "Components\\GoogleOneTap": "Models/Components/GoogleOneTap.md",
  "Components\\One": "Models/Components/One.md",
  "Components\\Two": "Models/Components/Two.md",
  "Operations\\One": "Models/Operations/One.md",
};
const ctx: TypeContext = { doc: DOC, byName: (name) => NAMES[name] };
const UNION_DOC = "../../Models/Components/ExternalAccountWithVerificationVerification.md";

// Every Type-cell shape DIALECTS.md §2.6 lists for PHP, plus the family's variants (nested
// arrays, arrays of maps, `?` inside arrays, Brick numbers and dates, int-keyed arrays), with
// the IR each must give. `mark`: "?" = the `?T` prefix, "|null" = a `|null` member.
const shapes: { cell: string; type: TypeRef; mark?: "?" | "|null" }[] = [
  { cell: "*string*", type: S },
  { cell: "*int*", type: I },
  { cell: "*float*", type: { kind: "number" } },
  { cell: "*bool*", type: { kind: "boolean" } },
  { cell: "*mixed*", type: { kind: "any" } },
  { cell: "*?string*", type: S, mark: "?" },
  { cell: "*?int*", type: I, mark: "?" },
  { cell: "*?bool*", type: { kind: "boolean" }, mark: "?" },
  { cell: "*?float*", type: { kind: "number" }, mark: "?" },
  { cell: "[Components\\ActorTokenObject](../../Models/Components/ActorTokenObject.md)", type: ref("Models/Components/ActorTokenObject.md") },
  { cell: "[?Components\\VerificationAdminVerificationObject](../../Models/Components/VerificationAdminVerificationObject.md)", type: ref("Models/Components/VerificationAdminVerificationObject.md"), mark: "?" },
  { cell: "[Operations\\Actor](../../Models/Operations/Actor.md)", type: ref("Models/Operations/Actor.md") },
  { cell: "[?Errors\\Meta](../../Models/Errors/Meta.md)", type: ref("Models/Errors/Meta.md"), mark: "?" },
  { cell: "[\\Psr\\Http\\Message\\ResponseInterface](https://www.php-fig.org/psr/psr-7/#33-psrhttpmessageresponseinterface)", type: { kind: "external", name: "\\Psr\\Http\\Message\\ResponseInterface" } },
  // the SDK's HTTP types are external unlinked too; any other absolutely linked class is external
  { cell: "*\\Psr\\Http\\Message\\ResponseInterface*", type: { kind: "external", name: "\\Psr\\Http\\Message\\ResponseInterface" } },
  { cell: "[\\Acme\\Money](https://example.com/money)", type: { kind: "external", name: "\\Acme\\Money" } },
  { cell: "array<[Components\\CommercePerUnitTotal](../../Models/Components/CommercePerUnitTotal.md)>", type: { kind: "array", items: ref("Models/Components/CommercePerUnitTotal.md") } },
  { cell: "array<*string*>", type: { kind: "array", items: S } },
  { cell: "array<string, *mixed*>", type: { kind: "map", values: { kind: "any" } } },
  { cell: "array<string, *string*>", type: { kind: "map", values: S } },
  { cell: "[\\DateTime](https://www.php.net/manual/en/class.datetime.php)", type: DATE_OR_DATETIME },
  { cell: "[?\\DateTime](https://www.php.net/manual/en/class.datetime.php)", type: DATE_OR_DATETIME, mark: "?" },
  // Inline unions: the members are found by name; the link (to the union's doc) is not a member.
  { cell: `[Components\\Oauth\\|Components\\GoogleOneTap](${UNION_DOC})`, type: { kind: "union", members: [ref("Models/Components/Oauth.md"), ref("Models/Components/GoogleOneTap.md")] } },
  { cell: `[Components\\Oauth\\|Components\\GoogleOneTap\\|null](${UNION_DOC})`, type: { kind: "union", members: [ref("Models/Components/Oauth.md"), ref("Models/Components/GoogleOneTap.md")] }, mark: "|null" },
  { cell: "array<[Components\\One\\|Components\\Two](../../Models/Components/SchemasSAMLConnection.md)>", type: { kind: "array", items: { kind: "union", members: [ref("Models/Components/One.md"), ref("Models/Components/Two.md")] } } },
  // The qualifier is kept, so that the resolver can pick the folder.
  { cell: "[Operations\\One\\|Components\\Two](../../Models/Operations/Body.md)", type: { kind: "union", members: [ref("Models/Operations/One.md"), ref("Models/Components/Two.md")] } },
  // A `?` on one member of an inline union: that member may be null; still found by name.
  {
    cell: `[?Components\\Oauth\\|Components\\GoogleOneTap](${UNION_DOC})`,
    type: { kind: "union", members: [orNull(ref("Models/Components/Oauth.md")), ref("Models/Components/GoogleOneTap.md")] },
  },
  // One model and null: the link goes to that model's doc.
  { cell: "[Components\\Meta\\|null](../../Models/Components/Meta.md)", type: ref("Models/Components/Meta.md"), mark: "|null" },
  // Scalars and at most one model under one link to another doc: the link is the union's doc
  // (each member took it, making a union of one ref written several times).
  { cell: "[string\\|Components\\Customer](../../Models/Components/SubscriptionCustomer.md)", type: ref("Models/Components/SubscriptionCustomer.md") },
  { cell: "[string\\|float\\|bool\\|null](../../Models/Components/ExtraData.md)", type: ref("Models/Components/ExtraData.md"), mark: "|null" },
  // …but one whose file is named after that model is the model's, beside the scalars.
  { cell: "[string\\|Components\\Customer](../../Models/Components/Customer.md)", type: { kind: "union", members: [S, ref("Models/Components/Customer.md")] } },
  // Family variants
  { cell: "*string\\|int*", type: { kind: "union", members: [S, I] } },
  { cell: "array<array<*int*>>", type: { kind: "array", items: { kind: "array", items: I } } },
  { cell: "array<array<string, *mixed*>>", type: { kind: "array", items: { kind: "map", values: { kind: "any" } } } },
  { cell: "array<string, array<[Components\\Tag](Tag.md)>>", type: { kind: "map", values: { kind: "array", items: ref("Models/Components/Tag.md") } } },
  { cell: "array<int, *string*>", type: { kind: "array", items: S } },
  { cell: "array<*?string*>", type: { kind: "array", items: orNull(S) } },
  { cell: "*list<string>*", type: { kind: "array", items: S } },
  { cell: "*string[]*", type: { kind: "array", items: S } },
  { cell: "[\\Brick\\DateTime\\LocalDate](https://github.com/brick/date-time)", type: { kind: "date" } },
  { cell: "[\\Brick\\Math\\BigInteger](https://github.com/brick/math)", type: { kind: "bigint" } },
  { cell: "[\\Brick\\Math\\BigDecimal](https://github.com/brick/math)", type: { kind: "decimal" } },
  { cell: "*\\Psr\\Http\\Message\\StreamInterface*", type: { kind: "binary" } },
];

describe("PHP Type cells", () => {
  it.each(shapes)("$cell", ({ cell, type, mark }) => {
    const result = php.parseType(typeCell(cell, DOC), ctx);
    expect(result).toEqual({ type, optionalMark: mark === "?", nullMark: mark !== undefined });
  });

  const bad: { cell: string; message: RegExp; names?: TypeContext }[] = [
    { cell: "*String*", message: /unknown type 'String'/ },
    { cell: "*long*", message: /unknown type 'long'/ },
    { cell: "array<*string*", message: /expected '>'/ },
    { cell: "array<int, *string*, *string*>", message: /takes 2 type arguments/ },
    { cell: "array<float, *string*>", message: /array key must be string or int, found 'float'/ },
    { cell: "*List<string>*", message: /unknown generic type 'List'/ },
    { cell: "*null*\\|*null*", message: /a union of null alone/ },
    { cell: "*string* extra", message: /unexpected 'extra'/ },
    { cell: "`string`\\<", message: /the type ends too early/ },
    // An unlinked unknown class, and an inline-union member no doc is named after.
    { cell: "*\\Foo\\Bar*", message: /unknown type '\\Foo\\Bar'/ },
    { cell: `[Components\\Oauth\\|Components\\Missing](${UNION_DOC})`, message: /no doc is named 'Missing'/ },
    { cell: `[Components\\Oauth\\|Components\\GoogleOneTap](${UNION_DOC})`, message: /no doc is named 'Oauth'/, names: noNames },
  ];
  it.each(bad)("rejects $cell", ({ cell, message, names }) => {
    let error: unknown;
    try {
      php.parseType(typeCell(cell, DOC), names ?? ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellError);
    expect((error as Error).message).toMatch(message);
  });

  it("reads union member headings (`Components\\X`, `A|B`) by name", () => {
    expect(php.parseType(headingCell("`Components\\Oauth`", DOC), ctx).type).toEqual(ref("Models/Components/Oauth.md"));
    expect(php.parseType(headingCell("`Components\\One|Components\\Two`", DOC), ctx).type).toEqual({
      kind: "union",
      members: [ref("Models/Components/One.md"), ref("Models/Components/Two.md")],
    });
  });

  it("nullability: `?` and `|null` make a field nullable; an optional field may be null anyway", () => {
    const plain = php.parseType(typeCell("*string*", DOC), ctx);
    const marked = php.parseType(typeCell("*?string*", DOC), ctx);
    const orNullUnion = php.parseType(typeCell(`[Components\\Oauth\\|Components\\GoogleOneTap\\|null](${UNION_DOC})`, DOC), ctx);
    expect([php.nullable(true, plain), php.nullable(false, plain)]).toEqual([false, true]);
    expect([php.nullable(true, marked), php.nullable(false, marked)]).toEqual([true, true]);
    expect([php.nullable(true, orNullUnion), php.nullable(false, orNullUnion)]).toEqual([true, true]);
    // what the docs cannot say is assumed: `?` comes with optionality, only `|null` means null on purpose
    expect([php.assumesNull(true, plain), php.assumesNull(false, plain)]).toEqual([false, true]);
    expect([php.assumesNull(true, marked), php.assumesNull(false, marked)]).toEqual([false, true]);
    expect([php.assumesNull(true, orNullUnion), php.assumesNull(false, orNullUnion)]).toEqual([false, false]);
  });

  it("looksLike: its own vocabulary, not Java's or C#'s", () => {
    for (const text of ["string", "?string", "int", "mixed", "array<string>", "array<string, mixed>", "Components\\X", "?Components\\X", "\\DateTime", "Components\\A|Components\\B|null"]) {
      expect(php.looksLike(text), text).toBe(true);
    }
    for (const text of ["String", "long", "object", "Optional<Long>", "List<string>", "Dictionary<String, object>", "Models.Components.X", "SomeModel"]) {
      expect(php.looksLike(text), text).toBe(false);
    }
  });
});

// A union doc's members, each under a `### ` heading with a php block: the docblock's `@var`
// holds the full type where the heading may only say `array` (seen in Speakeasy PHP SDKs of other
// vendors); some generator versions write no docblock, only the declaration.
describe("PHP union members read from their code blocks", () => {
  const member = (heading: string, code: string) => `### \`${heading}\`\n\n\`\`\`php\n${code}\n\`\`\`\n`;
  const docblock = (type: string, declared: string) => `/**\n* @var ${type}\n*/\n${declared} $value = /* values here */`;
  const unionDoc = (...members: string[]) => parseDoc(`# Extra\n\n\n## Supported Types\n\n${members.join("\n")}`, "Models/Shared/Extra.md");
  const pet = parseDoc("# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `name` | *string* | :heavy_check_mark: | N/A |\n", "Models/Shared/Pet.md");

  it("`### array` members get the docblock's array and map types; qualified names are found by name", () => {
    const ir = buildIR(
      [
        pet,
        unionDoc(
          member("array", docblock("array<string, mixed>", "array")),
          member("string", docblock("string", "string")),
          member("array", docblock("array<Shared\\Pet|string|float|bool>", "array")),
          member("Shared\\Pet", docblock("\\Acme\\Sdk\\Models\\Shared\\Pet", "Shared\\Pet")),
          member("?int", docblock("?int", "?int")),
        ),
      ],
      php,
    );
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models.find((m) => m.name === "Extra")!.members).toEqual([
      { kind: "map", values: { kind: "any" } },
      S,
      { kind: "array", items: { kind: "union", members: [ref("Models/Shared/Pet.md"), S, { kind: "number" }, { kind: "boolean" }] } },
      ref("Models/Shared/Pet.md"),
      orNull(I),
    ]);
  });

  it("without a docblock, the declared type", () => {
    const ir = buildIR([pet, unionDoc(member("Shared\\Pet", "Shared\\Pet $value = /* values here */"), member("string", "string $value = /* values here */"))], php);
    expect(ir.diagnostics).toEqual([]);
    expect(ir.models.find((m) => m.name === "Extra")!.members).toEqual([ref("Models/Shared/Pet.md"), S]);
  });

  it("a docblock type that names no doc is an error at the member, naming the type", () => {
    const ir = buildIR([unionDoc(member("array", docblock("array<\\Acme\\Sdk\\Models\\Shared\\Missing>", "array")), member("string", docblock("string", "string")))], php);
    // At the name in the docblock: line 10, after `* @var array<`.
    expect(ir.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["unknown-type", 10, 14, "cannot read the union member under '### array': unknown type '\\Acme\\Sdk\\Models\\Shared\\Missing' (not a PHP type, no doc has its name, and not a link to a doc)"],
    ]);
  });
});
