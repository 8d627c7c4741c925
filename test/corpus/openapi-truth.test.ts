/**
 * Ground truth for the Sorbet dialect: the IR of `clerk-ruby-sorbet` against the OpenAPI document
 * the corpus was generated from (`clerk-openapi/bapi/2024-10-01.yml`, see clerk-openapi/SOURCE.md).
 *
 * Scope: `components.schemas` only. A doc in `models/shared/` is paired with a schema when its
 * title equals the schema name (exactly, else case-insensitively, else with the separators Speakeasy
 * drops from a name: "schemas-Passkey" -> SchemasPasskey, "WellKnown.JWKS" -> WellKnownJWKS).
 * Inline objects are followed too: when a paired property is an inline object (or an array of
 * them) and the IR field is a link to an object doc, that doc is paired with the inline schema.
 * Request/response bodies of `paths` (the models/operations docs) are not compared.
 *
 * Checked per pair: field names = property names (`allOf` parts merged); Required = membership in
 * `required`; type kinds: string/integer/number/boolean -> the same kind, array -> "array" (items
 * too), `type: object` without properties -> "map" or a link to a field-less doc, an inline object
 * or enum -> a link to an object/enum doc (compared in turn), `$ref` -> a link to the doc of that
 * schema, oneOf/anyOf -> "any" (`*::Object*`); enum docs hold the spec's `enum` values, as strings,
 * in order. Every disagreement is a finding; the test pins the known ones (KNOWN_RESIDUALS, each
 * with its cause), so a new one fails it, and so do a lost pairing (NOT_REACHED,
 * SCHEMAS_WITHOUT_DOC) or a comparison that shrinks. A last test plants faults in a copy of the IR
 * and expects each to be reported, so the comparison cannot pass by looking at nothing.
 *
 * The seed's overlays (clerk-openapi/seed-overlays/) are taken into account by reading them: the only
 * action that targets `components.schemas` deletes `nullable`, which this test never compares
 * (Sorbet docs cannot show nullability; DIALECTS.md 2.1). The enum overlay (is_satellite, revoked)
 * rewrites a request body and `components.responses`, both out of scope; the other overlays touch
 * `paths` or the document root only. The first test asserts exactly that, so a new overlay that
 * rewrites schemas makes this file be revisited.
 *
 * The corpus and the spec are read at run time from ../shared; nothing of them is copied here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { loadIR, type Field, type Model, type TypeRef } from "../../generator/api.js";
import { corpusPath, sharedPath } from "../helpers/shared.js";

// ---------------------------------------------------------------------------------------------
// OpenAPI access

type Schema = Record<string, unknown>;
type Spec = { components: { schemas: Record<string, Schema> } };

const REF_PREFIX = "#/components/schemas/";

function isObj(x: unknown): x is Schema {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function refName(s: Schema): string | undefined {
  const ref = s.$ref;
  if (typeof ref !== "string") return undefined;
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${ref}`);
  return decodeURIComponent(ref.slice(REF_PREFIX.length));
}

class OpenAPI {
  constructor(readonly spec: Spec) {}

  get schemas(): Record<string, Schema> {
    return this.spec.components.schemas;
  }

  /** Follow `$ref`s and single-member `allOf` wrappers (the usual "ref + description" form). */
  deref(s: Schema): Schema {
    for (let i = 0; i < 20; i++) {
      const name = refName(s);
      if (name !== undefined) {
        const target = this.schemas[name];
        if (!target) throw new Error(`dangling $ref ${name}`);
        s = target;
        continue;
      }
      const allOf = s.allOf;
      if (Array.isArray(allOf) && allOf.length === 1 && isObj(allOf[0]) && !s.properties) {
        s = allOf[0];
        continue;
      }
      return s;
    }
    throw new Error("$ref cycle");
  }

  /** The properties and required list of an object schema, `allOf` parts merged. */
  shape(s: Schema): { properties: Record<string, Schema>; required: Set<string> } {
    s = this.deref(s);
    const properties: Record<string, Schema> = {};
    const required = new Set<string>();
    const add = (part: Schema): void => {
      part = this.deref(part);
      if (Array.isArray(part.allOf)) for (const p of part.allOf) if (isObj(p)) add(p);
      if (isObj(part.properties)) {
        for (const [k, v] of Object.entries(part.properties)) if (isObj(v)) properties[k] = v;
      }
      if (Array.isArray(part.required)) for (const r of part.required) required.add(String(r));
    };
    add(s);
    return { properties, required };
  }

  /** An object with its own properties (its doc is an object model). */
  hasProperties(s: Schema): boolean {
    return Object.keys(this.shape(s).properties).length > 0;
  }
}

// ---------------------------------------------------------------------------------------------
// What the spec says a field's type is, in IR kinds

/**
 * The IR shape the spec asks for, or undefined where the spec is not specific.
 * - `ref` carries the components schema it names,
 * - `object` an inline object with properties (a link to a doc, compared recursively),
 * - `enum` an inline enum (a link to an enum doc),
 * - `free` an object without properties: a map, or a link to a field-less object doc.
 */
type Expected =
  | { kind: "string" | "integer" | "number" | "boolean" | "any" }
  | { kind: "array"; items: Expected | undefined }
  | { kind: "ref"; schema: string }
  | { kind: "object"; schema: Schema }
  | { kind: "enum"; values: string[] }
  | { kind: "free" };

function expectedType(api: OpenAPI, prop: Schema): Expected | undefined {
  const name = refName(prop) ?? refNameOfSingleAllOf(prop);
  if (name !== undefined) {
    const target = api.deref(prop);
    // A $ref to a scalar schema (PasswordHasher: a string) is inlined by Speakeasy.
    if (target.type === "object" || target.allOf || target.properties || target.enum) {
      return { kind: "ref", schema: name };
    }
    return expectedType(api, target);
  }
  if (Array.isArray(prop.oneOf) || Array.isArray(prop.anyOf)) return { kind: "any" };
  if (Array.isArray(prop.enum)) return { kind: "enum", values: prop.enum.map((v) => String(v)) };
  switch (prop.type) {
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return { kind: prop.type };
    case "array":
      return { kind: "array", items: isObj(prop.items) ? expectedType(api, prop.items) : undefined };
    case "object":
    case undefined:
      if (prop.properties || prop.allOf) return { kind: "object", schema: prop };
      if (prop.type === "object") return { kind: "free" };
      return undefined; // no type, no ref, no combinator: the spec says nothing specific
    default:
      return undefined;
  }
}

function refNameOfSingleAllOf(prop: Schema): string | undefined {
  const allOf = prop.allOf;
  if (Array.isArray(allOf) && allOf.length === 1 && isObj(allOf[0]) && !prop.properties) {
    return refName(allOf[0]);
  }
  return undefined;
}

function showExpected(e: Expected | undefined): string {
  if (!e) return "?";
  switch (e.kind) {
    case "array":
      return `array<${showExpected(e.items)}>`;
    case "ref":
      return `$ref ${e.schema}`;
    case "object":
      return "inline object";
    case "enum":
      return `enum [${e.values.join(", ")}]`;
    case "free":
      return "free-form object";
    default:
      return e.kind;
  }
}

function showType(t: TypeRef): string {
  switch (t.kind) {
    case "array":
      return `array<${showType(t.items)}>`;
    case "map":
      return `map<${showType(t.values)}>`;
    case "ref":
      return `ref ${t.target}`;
    case "union":
      return t.members.map(showType).join(" | ");
    case "literal":
      return JSON.stringify(t.value);
    case "external":
      return t.name;
    default:
      return t.kind;
  }
}

// ---------------------------------------------------------------------------------------------
// The comparison

type Check = "missing-field" | "extra-field" | "required" | "type" | "ref-target" | "enum-values";

interface Disagreement {
  /** Stable id: "<doc>#<field>:<check>"; `field[]` is an array's items. */
  key: string;
  ir: string;
  spec: string;
}

type PairedBy = "exact" | "case-insensitive" | "normalized" | "inline";

interface Stats {
  /** Object docs whose fields were compared with a schema. */
  objectModels: number;
  /** Enum docs whose values were compared with a spec `enum`. */
  enumModels: number;
  /** Field-less object docs that stand for a free-form object of the spec. */
  freeFormModels: number;
  pairedBy: Record<PairedBy, number>;
  /** IR fields matched to a spec property. */
  fields: number;
  /** Fields whose property the spec leaves untyped (no type, $ref or combinator). */
  untyped: number;
  checks: number;
  agreements: number;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The components schema a doc title stands for: exact, then case-insensitive, then normalized. */
function schemaForTitle(
  names: string[],
  title: string,
): { name: string; how: Exclude<PairedBy, "inline"> } | undefined {
  if (names.includes(title)) return { name: title, how: "exact" };
  const ci = names.filter((n) => n.toLowerCase() === title.toLowerCase());
  if (ci.length === 1) return { name: ci[0]!, how: "case-insensitive" };
  const norm = names.filter((n) => normalize(n) === normalize(title));
  if (norm.length === 1) return { name: norm[0]!, how: "normalized" };
  return undefined;
}

function compareCorpus(api: OpenAPI, models: Model[]) {
  const bySource = new Map(models.map((m) => [m.source, m]));
  const shared = models.filter((m) => m.source.startsWith("models/shared/"));
  const disagreements: Disagreement[] = [];
  const stats: Stats = {
    objectModels: 0,
    enumModels: 0,
    freeFormModels: 0,
    pairedBy: { exact: 0, "case-insensitive": 0, normalized: 0, inline: 0 },
    fields: 0,
    untyped: 0,
    checks: 0,
    agreements: 0,
  };

  const check = (ok: boolean, doc: string, field: string | undefined, what: Check, ir: string, spec: string) => {
    stats.checks++;
    if (ok) stats.agreements++;
    else disagreements.push({ key: `${doc}${field === undefined ? "" : `#${field}`}:${what}`, ir, spec });
  };

  /** components schema name -> the doc paired with it by title. */
  const docForSchema = new Map<string, string>();
  type Pair = { model: Model; schema: Schema; how: PairedBy };
  const queue: Pair[] = [];
  for (const m of shared) {
    const hit = schemaForTitle(Object.keys(api.schemas), m.title);
    if (!hit) continue;
    docForSchema.set(hit.name, m.source);
    queue.push({ model: m, schema: api.schemas[hit.name]!, how: hit.how });
  }

  /**
   * Docs compared so far, with what they were compared with. A doc is counted once; it is compared
   * again only with a different schema (an enum doc once per field that uses it).
   */
  const compared = new Map<string, Set<unknown>>();
  const mark = (doc: string, against: unknown): { newDoc: boolean; newPair: boolean } => {
    const set = compared.get(doc) ?? new Set<unknown>();
    compared.set(doc, set);
    const newPair = !set.has(against);
    set.add(against);
    return { newDoc: newPair && set.size === 1, newPair };
  };

  const compareEnum = (model: Model, values: unknown[], doc: string, field: string | undefined) => {
    if (mark(model.source, values).newDoc) stats.enumModels++;
    // In order: Speakeasy keeps the spec's order, so a reordering would be the reader's doing.
    const ir = (model.values ?? []).map((v) => String(v.value));
    const spec = values.map((v) => String(v));
    check(JSON.stringify(ir) === JSON.stringify(spec), doc, field, "enum-values", `${model.source}: ${ir.join(", ")}`, spec.join(", "));
  };

  const compareType = (doc: string, field: string, t: TypeRef, e: Expected): void => {
    const ok = (cond: boolean) => check(cond, doc, field, "type", showType(t), showExpected(e));
    const target = t.kind === "ref" ? bySource.get(t.target) : undefined;
    switch (e.kind) {
      case "string":
      case "integer":
      case "number":
      case "boolean":
      case "any":
        return ok(t.kind === e.kind);
      case "array":
        ok(t.kind === "array");
        if (t.kind === "array" && e.items) compareType(doc, `${field}[]`, t.items, e.items);
        return;
      case "free": {
        // `T::Hash[Symbol, ::Object]`, or a link to a field-less object doc (…PublicMetadata).
        const freeDoc = target?.kind === "object" && (target.fields ?? []).length === 0;
        if (freeDoc && mark(target.source, e).newDoc) stats.freeFormModels++;
        return ok(t.kind === "map" || freeDoc);
      }
      case "object":
        ok(target?.kind === "object");
        if (target?.kind === "object") queue.push({ model: target, schema: e.schema, how: "inline" });
        return;
      case "enum":
        ok(target?.kind === "enum");
        if (target?.kind === "enum") compareEnum(target, e.values, doc, field);
        return;
      case "ref": {
        ok(target !== undefined);
        if (!target) return;
        const want = docForSchema.get(e.schema);
        check(want === target.source, doc, field, "ref-target", target.source, `${e.schema} -> ${want ?? "no doc"}`);
        // Whatever doc the link names, its content must be the referenced schema's.
        queue.push({ model: target, schema: api.schemas[e.schema]!, how: "inline" });
        return;
      }
    }
  };

  for (let pair = queue.shift(); pair; pair = queue.shift()) {
    const { model, schema, how } = pair;
    const s = api.deref(schema);
    const doc = model.source;
    if (model.kind === "enum") {
      // An enum doc titled like a components schema (none in this corpus; inline enums are
      // compared through their fields).
      if (compared.get(doc)?.has(s)) continue;
      stats.pairedBy[how]++;
      compareEnum(model, Array.isArray(s.enum) ? s.enum : [], doc, undefined);
      compared.get(doc)?.add(s);
      continue;
    }
    if (model.kind !== "object") continue;
    const { newDoc, newPair } = mark(doc, s);
    if (!newPair) continue;
    if (newDoc) stats.objectModels++;
    stats.pairedBy[how]++;
    const { properties, required } = api.shape(s);
    const fields = new Map<string, Field>((model.fields ?? []).map((f) => [f.name, f]));
    for (const name of Object.keys(properties)) {
      check(fields.has(name), doc, name, "missing-field", "absent", "property");
    }
    for (const f of fields.values()) {
      const prop = properties[f.name];
      check(prop !== undefined, doc, f.name, "extra-field", "field", "absent");
      if (!prop) continue;
      stats.fields++;
      const req = required.has(f.name);
      check(f.required === req, doc, f.name, "required", String(f.required), String(req));
      const e = expectedType(api, prop);
      if (e) compareType(doc, f.name, f.type, e);
      else stats.untyped++;
    }
  }

  const unpairedDocs = shared.filter((m) => !compared.has(m.source)).map((m) => m.source);
  const unpairedSchemas = Object.keys(api.schemas).filter((n) => !docForSchema.has(n));
  return { disagreements, stats, unpairedDocs, unpairedSchemas };
}

// ---------------------------------------------------------------------------------------------
// The known residuals. Every entry is a place where the docs differ from the spec on purpose
// (Speakeasy's doing, or an overlay's); a new disagreement fails the test.

type Cause = "allOf-copy";

const KNOWN_RESIDUALS: (Disagreement & { cause: Cause })[] = [
  // allOf-copy: a property written `allOf: [$ref X]` beside its own keywords (`type: object`,
  // `nullable`, `description`) is, for Speakeasy, a new inline schema that merely includes X. It gets
  // a doc of its own named after the property (or parent + property), with X's fields, instead of a
  // link to X's doc. The copy's fields are compared with X above, and agree. (Properties written
  // `$ref: X` link to X's doc; those all agree.)
  {
    cause: "allOf-copy",
    key: "models/shared/organizationdomain.md#verification:ref-target",
    ir: "models/shared/verification.md",
    spec: "OrganizationDomainVerification -> no doc",
  },
  {
    cause: "allOf-copy",
    key: "models/shared/organizationmembership.md#organization:ref-target",
    ir: "models/shared/organizationmembershiporganization.md",
    spec: "Organization -> models/shared/organization.md",
  },
];

/**
 * Shared docs no components schema reaches, each with where it comes from instead. They are out of
 * scope here; a doc that newly joins this list means a pairing was lost.
 */
const NOT_REACHED: Record<string, string> = {
  // components.responses['InstanceSettings'] (an inline response schema, not a components schema).
  "models/shared/instancesettings.md": "components.responses",
  "models/shared/instancesettingsobject.md": "components.responses",
  // components.responses['Invitation.Revoked'] (allOf Invitation + revoked/status). `revoked` is the
  // boolean constant that enums.yaml turned into the string enum "true" (revoked.md: `TRUE` | true).
  "models/shared/invitationrevoked.md": "components.responses",
  "models/shared/invitationrevokedobject.md": "components.responses",
  "models/shared/invitationrevokedpublicmetadata.md": "components.responses",
  "models/shared/invitationrevokedstatus.md": "components.responses",
  "models/shared/revoked.md": "components.responses, rewritten by enums.yaml",
  // The SDK's security options (components.securitySchemes), not a schema.
  "models/shared/security.md": "components.securitySchemes",
};

/** components.schemas without a shared doc of their name, each with the reason. */
const SCHEMAS_WITHOUT_DOC: Record<string, string> = {
  // Members of `oneOf`s (verification, saml_connection): unions are not documented in this SDK, the
  // property is `*::Object*` (DIALECTS.md 2.1), so the members get no doc.
  OTP: "oneOf member",
  Admin: "oneOf member",
  Oauth: "oneOf member",
  Web3Signature: "oneOf member",
  Passkey: "oneOf member",
  SAML: "oneOf member",
  Ticket: "oneOf member",
  SAMLConnection: "oneOf member",
  // Used only by the /templates paths, which deprecations.yaml hides (x-speakeasy-ignore).
  Template: "overlay: deprecations.yaml",
  // A plain string schema: Speakeasy inlines `*::String*` where it is used (request bodies).
  PasswordHasher: "scalar, inlined",
  // Only reached through components.responses.TOTP; with `additionalProperties: true` beside its
  // properties, Speakeasy renders it as `T::Hash[Symbol, ::Object]` (operations/createusertotpresponse.md).
  TOTP: "rendered as a map",
  // Only used as `allOf: [$ref]`: its copy is the doc `Verification` (see allOf-copy above).
  OrganizationDomainVerification: "allOf copy named Verification",
};

// ---------------------------------------------------------------------------------------------

describe("clerk-ruby-sorbet IR against the OpenAPI document it came from", () => {
  let api: OpenAPI;
  let models: Model[];
  let result: ReturnType<typeof compareCorpus>;
  let overlays: { file: string; target: string; remove: boolean }[];

  beforeAll(() => {
    api = new OpenAPI(parse(readFileSync(sharedPath("corpora/clerk-openapi/bapi/2024-10-01.yml"), "utf8")) as Spec);
    models = loadIR(corpusPath("clerk-ruby-sorbet"), { dialect: "ruby-sorbet" }).ir.models;
    result = compareCorpus(api, models);

    const dir = sharedPath("corpora/clerk-openapi/seed-overlays");
    overlays = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .flatMap((file) => {
        const doc = parse(readFileSync(join(dir, file), "utf8")) as { actions?: Schema[] };
        return (doc.actions ?? []).map((a) => ({ file, target: String(a.target), remove: a.remove === true }));
      });

    const s = result.stats;
    const paired = Object.entries(s.pairedBy).map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(
      [
        "openapi-truth: clerk-ruby-sorbet models/shared vs bapi/2024-10-01.yml components.schemas",
        `  object models compared   ${s.objectModels}  (pairings: ${paired})`,
        `  enum models compared     ${s.enumModels}`,
        `  free-form object docs    ${s.freeFormModels}`,
        `  fields compared          ${s.fields}  (${s.untyped} untyped in the spec)`,
        `  checks / agreements      ${s.checks} / ${s.agreements}`,
        `  disagreements            ${result.disagreements.length}`,
        `  shared docs not reached  ${result.unpairedDocs.join(", ") || "-"}`,
        `  schemas without a doc    ${result.unpairedSchemas.join(", ") || "-"}`,
        ...result.disagreements.map((d) => `    ${d.key}: ir ${d.ir} | spec ${d.spec}`),
      ].join("\n"),
    );
  });

  test("the seed overlays touch components.schemas only to delete `nullable`", () => {
    const onSchemas = overlays.filter((o) => o.target.replace(/\s/g, "").startsWith("$.components.schemas"));
    expect(onSchemas).toEqual([
      { file: "nullable-values.yaml", target: "$.components.schemas[*].properties[*].nullable", remove: true },
    ]);
    // The enum overlay (boolean constants -> string enum "true") is real but rewrites a request body
    // and components.responses['Invitation.Revoked'], outside components.schemas.
    const enumTargets = overlays.filter((o) => o.file === "enums.yaml").map((o) => o.target);
    expect(enumTargets.length).toBeGreaterThan(0);
    for (const t of enumTargets) expect(t).toMatch(/^\$\.(paths|components\.responses)\[/);
  });

  test("compares a meaningful part of the corpus", () => {
    const s = result.stats;
    // Only 47 of the 132 shared docs carry a components schema's name (44 exactly, 3 without the
    // '-'/'.' of "schemas-Passkey", "schemas-SAMLConnection", "WellKnown.JWKS"); the inline objects
    // they link to add more object docs. The 47 enum docs are reached through the fields that use
    // them, the field-less object docs through free-form `type: object` properties.
    expect(s.pairedBy.exact + s.pairedBy["case-insensitive"] + s.pairedBy.normalized).toBeGreaterThanOrEqual(47);
    expect(s.objectModels).toBeGreaterThanOrEqual(50);
    expect(s.enumModels).toBeGreaterThanOrEqual(40);
    expect(s.freeFormModels).toBeGreaterThanOrEqual(25);
    expect(s.fields).toBeGreaterThanOrEqual(400);
    expect(s.checks).toBeGreaterThanOrEqual(1700);
    expect(result.unpairedDocs).toEqual(Object.keys(NOT_REACHED).sort());
    expect([...result.unpairedSchemas].sort()).toEqual(Object.keys(SCHEMAS_WITHOUT_DOC).sort());
  });

  test("the comparison notices a wrong IR (planted faults)", () => {
    const planted = structuredClone(models);
    const doc = (source: string) => {
      const m = planted.find((x) => x.source === source);
      if (!m) throw new Error(`no ${source}`);
      return m;
    };
    const field = (source: string, name: string) => {
      const f = doc(source).fields?.find((x) => x.name === name);
      if (!f) throw new Error(`no ${source}#${name}`);
      return f;
    };
    field("models/shared/phonenumber.md", "id").required = true;
    field("models/shared/phonenumber.md", "phone_number").type = { kind: "integer" };
    field("models/shared/user.md", "external_accounts").type = { kind: "array", items: { kind: "string" } };
    field("models/shared/organizationmembershiporganization.md", "slug").name = "slugs";
    doc("models/shared/phonenumberobject.md").values = [{ value: "phone" }];
    const keys = compareCorpus(api, planted).disagreements.map((d) => d.key);
    const known = new Set(KNOWN_RESIDUALS.map((d) => d.key));
    expect(keys.filter((k) => !known.has(k)).sort()).toEqual([
      "models/shared/organizationmembershiporganization.md#slug:missing-field",
      "models/shared/organizationmembershiporganization.md#slugs:extra-field",
      "models/shared/phonenumber.md#id:required",
      "models/shared/phonenumber.md#object:enum-values",
      "models/shared/phonenumber.md#phone_number:type",
      "models/shared/user.md#external_accounts[]:type",
    ]);
  });

  test("every disagreement is a known, explained residual", () => {
    const actual = [...result.disagreements].sort((a, b) => a.key.localeCompare(b.key));
    const known = KNOWN_RESIDUALS.map(({ cause: _cause, ...d }) => d).sort((a, b) => a.key.localeCompare(b.key));
    expect(actual).toEqual(known);
  });
});
