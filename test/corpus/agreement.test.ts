import { describe, expect, it } from "vitest";
import { loadIR } from "../../generator/api.js";
import { compare, type Agreement, type Corpus, type DialectSummary, type FieldRow, type ShowsNull } from "../helpers/agreement.js";
import { corpusPath } from "../helpers/shared.js";

/**
 * Cross-dialect agreement on Clerk: the Python, Ruby/Crystalline, Java, C# and PHP SDKs document
 * one API (Java and PHP from bapi/2025-11-10.yml, the others from 2026-05-12, see each SOURCE.md).
 * Each is read through the public API with its dialect detected; models are matched by doc file
 * name (and, for naming variants, through links and union members: test/helpers/agreement.ts),
 * fields by folded name, and each dialect is compared with the consensus of the other four.
 * The Sorbet docs (the same API a year earlier) are compared with the consensus of the five.
 */
const FIVE: [column: string, corpus: string, dialect: string][] = [
  ["python", "clerk-python", "python"],
  ["crystalline", "clerk-ruby-crystalline", "ruby-crystalline"],
  ["java", "clerk-java", "java"],
  ["csharp", "clerk-csharp", "csharp"],
  ["php", "clerk-php", "php"],
];

const loaded = new Map<string, Corpus>();
function load(column: string, corpus: string): Corpus {
  let c = loaded.get(column);
  if (!c) loaded.set(column, (c = { name: column, ir: loadIR(corpusPath(corpus)).ir }));
  return c;
}
const five = FIVE.map(([column, corpus]) => load(column, corpus));
const sorbet = load("sorbet", "clerk-ruby-sorbet");

/**
 * Where a dialect's docs say whether a field may be null (README, "Optional and nullable, per
 * dialect"): a required field's in Python (`Nullable[…]`), Java (`Optional<…>`) and Crystalline
 * (`Nilable`); an optional field's in Python and Java only, and not for lists, maps, dates and
 * unions, which they never wrap. C# and PHP docs never show a required field as nullable.
 */
const showsNull: ShowsNull = (corpus, required, type) => {
  if (required) return corpus === "python" || corpus === "java" || corpus === "crystalline";
  const bare = type.kind === "array" || type.kind === "map" || type.kind === "union" || (type.kind === "scalar" && (type.name === "date" || type.name === "datetime"));
  return (corpus === "python" || corpus === "java") && !bare;
};

const agreement = compare(five, five, showsNull);
const older = compare(five, [sorbet], showsNull);

const pct = (n: number, of: number) => (of === 0 ? "–" : `${((100 * n) / of).toFixed(2)}%`);
const typeAgrees = (s: DialectSummary) => s.matchedFields - s.typeDiffers;

/** The agreement table, as markdown (printed; the README shows the same numbers). */
function table(summaries: readonly DialectSummary[]): string {
  const lines = [
    "| dialect | models matched | fields matched | type same | renamed model | carries a fact the others lack | lacks a fact the others carry | type disagrees | type agrees | Required agrees | null agrees (where shown) | enums same values |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const s of summaries) {
    lines.push(
      `| ${s.corpus} | ${s.matchedModels} / ${s.models} | ${s.matchedFields} / ${s.fields} | ${s.typeSame} | ${s.typeRenamed} | ${s.typeAdds} | ${s.typeLacks} | ${s.typeDiffers} | ${pct(typeAgrees(s), s.matchedFields)} | ${pct(s.requiredSame, s.matchedFields)} | ${s.nullableCompared === 0 ? "not shown" : pct(s.nullableSame, s.nullableCompared)} | ${s.enumsSame} / ${s.enums} |`,
    );
  }
  return lines.join("\n");
}

/** Every difference that is not plain agreement or a naming variant, one line each. */
function residuals(a: Agreement): string[] {
  const out: string[] = [];
  for (const r of a.rows) {
    if (r.typeVerdict !== "same" && r.typeVerdict !== "renamed") out.push(`${r.corpus} ${r.key} type ${r.typeVerdict}: ${r.type} | consensus ${r.consensusType}`);
    if (r.required !== r.consensusRequired) out.push(`${r.corpus} ${r.key} required: ${r.required} | consensus ${r.consensusRequired ?? "tie"}`);
  }
  for (const e of a.enums) if (!e.same) out.push(`${e.corpus} enum ${e.id}: ${e.values.join(",")} | consensus ${e.consensus.join(",")}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The residual differences, each with its cause. Exact both ways: a new difference fails, and
// so does a pinned one that disappears.

const DATE_KIND =
  "a date's kind: Python and Crystalline label dates the other way round from the spec and PHP writes \\DateTime for both, so docs2ts reads date|datetime; Java and C# carry the spec's kind (format: date-time / date)";
const PY_CONSTANT = "Python carries the spec's constant (Literal[True] / Literal[False]); the other SDKs write a plain boolean";
const STATUS_ENUM =
  "OrganizationDomainVerification.status: Java and PHP (generated from bapi/2025-11-10.yml) link an enum OrganizationDomainStatus; Python, Crystalline and C# (2026-05-12) write a plain string, as both spec files at HEAD do: a change in the spec, not a misreading";
const BINARY_AS_STRING = "file content: Crystalline (::String) and PHP (string) write the SDK's string type; Python, Java and C# write binary";
const PHP_OLDER =
  "the PHP docs are the oldest of the five (2026-03-09, speakeasy 1.749.0, an earlier state of bapi/2025-11-10.yml): this union had other members then";
const SAML_NUMBERED =
  "SAMLConnection1 / SAMLConnection2 name different schemas: Crystalline's are the members of SAMLConnections.data (where these flags are required), PHP's the members of its older SAMLAccount.saml_connection union (where they are optional); the name matches, the model does not";
const PHP_PROVIDER =
  "PHP's operations/Provider is the SAML connection's provider enum (the others call it CreateSAMLConnectionRequestBodyProvider); the others' Provider is the enterprise connection's";
const PY_QUERYPARAMSTATUS =
  "Python's QueryParamStatus is the session-list status enum (the others' operations/Status); the others' QueryParamStatus (invitation status) is Python's UsersGetOrganizationInvitationsQueryParamStatus";

const PINNED: Record<string, string> = {
  "python components/commercecreditledgerresponse.createdat type lacks: date|datetime | consensus datetime": DATE_KIND,
  "crystalline components/commercecreditledgerresponse.createdat type lacks: date|datetime | consensus datetime": DATE_KIND,
  "java components/commercecreditledgerresponse.createdat type adds: datetime | consensus date|datetime": DATE_KIND,
  "csharp components/commercecreditledgerresponse.createdat type adds: datetime | consensus date|datetime": DATE_KIND,
  "php components/commercecreditledgerresponse.createdat type lacks: date|datetime | consensus datetime": DATE_KIND,
  "python components/commercesubscriptionitem.prorationdate type lacks: date|datetime | consensus date": DATE_KIND,
  "crystalline components/commercesubscriptionitem.prorationdate type lacks: date|datetime | consensus date": DATE_KIND,
  "java components/commercesubscriptionitem.prorationdate type adds: date | consensus date|datetime": DATE_KIND,
  "csharp components/commercesubscriptionitem.prorationdate type adds: date | consensus date|datetime": DATE_KIND,
  "php components/commercesubscriptionitem.prorationdate type lacks: date|datetime | consensus date": DATE_KIND,
  "python components/extendfreetrialrequest.extendto type lacks: date|datetime | consensus datetime": DATE_KIND,
  "crystalline components/extendfreetrialrequest.extendto type lacks: date|datetime | consensus datetime": DATE_KIND,
  "java components/extendfreetrialrequest.extendto type adds: datetime | consensus date|datetime": DATE_KIND,
  "csharp components/extendfreetrialrequest.extendto type adds: datetime | consensus date|datetime": DATE_KIND,
  "php components/extendfreetrialrequest.extendto type lacks: date|datetime | consensus datetime": DATE_KIND,

  "python components/invitationrevoked.revoked type adds: true | consensus boolean": PY_CONSTANT,
  "python components/machinedeleted.deleted type adds: true | consensus boolean": PY_CONSTANT,
  "python components/machinescopedeleted.deleted type adds: true | consensus boolean": PY_CONSTANT,
  "python operations/adddomainrequestbody.issatellite type adds: true | consensus boolean": PY_CONSTANT,
  "python operations/deleteapikeyresponsebody.deleted type adds: true | consensus boolean": PY_CONSTANT,
  "python operations/responsebody2.active type adds: false | consensus boolean": PY_CONSTANT,

  "python components/organizationdomainverification.status type lacks: string | consensus enum:components/organizationdomainstatus": STATUS_ENUM,
  "crystalline components/organizationdomainverification.status type lacks: string | consensus enum:components/organizationdomainstatus": STATUS_ENUM,
  "java components/organizationdomainverification.status type adds: enum:components/organizationdomainstatus | consensus string": STATUS_ENUM,
  "csharp components/organizationdomainverification.status type lacks: string | consensus enum:components/organizationdomainstatus": STATUS_ENUM,
  "php components/organizationdomainverification.status type adds: enum:components/organizationdomainstatus | consensus string": STATUS_ENUM,

  "crystalline operations/file.content type lacks: string | consensus binary": BINARY_AS_STRING,
  "php operations/file.content type lacks: string | consensus binary": BINARY_AS_STRING,
  "crystalline operations/uploadoauthapplicationlogofile.content type lacks: string | consensus binary": BINARY_AS_STRING,
  "crystalline operations/uploadorganizationlogofile.content type lacks: string | consensus binary": BINARY_AS_STRING,
  "php operations/uploadorganizationlogofile.content type lacks: string | consensus binary": BINARY_AS_STRING,

  // EmailAddress.verification: no verification_scim member yet.
  "php components/emailaddress.verification type differs: ref:components/admin|ref:components/emaillink|ref:components/fromoauth|ref:components/otp|ref:components/saml|ref:components/ticket | consensus ref:components/verification":
    PHP_OLDER,
  // Two enterprise / SAML connection variants where the others have one (EnterpriseAccountConnection, SAMLAccountConnection).
  "php components/enterpriseaccount.enterpriseconnection type differs: ref:components/enterpriseconnection1|ref:components/enterpriseconnection2 | consensus ref:components/enterpriseaccountenterpriseconnection":
    PHP_OLDER,
  "php components/samlaccount.samlconnection type differs: ref:components/samlconnection1|ref:components/samlconnection2 | consensus ref:components/samlaccountsamlconnection":
    PHP_OLDER,

  "crystalline components/samlconnection1.allowidpinitiated required: true | consensus false": SAML_NUMBERED,
  "php components/samlconnection1.allowidpinitiated required: false | consensus true": SAML_NUMBERED,
  "crystalline components/samlconnection1.allowsubdomains required: true | consensus false": SAML_NUMBERED,
  "php components/samlconnection1.allowsubdomains required: false | consensus true": SAML_NUMBERED,
  "crystalline components/samlconnection1.disableadditionalidentifications required: true | consensus false": SAML_NUMBERED,
  "php components/samlconnection1.disableadditionalidentifications required: false | consensus true": SAML_NUMBERED,
  "crystalline components/samlconnection2.allowidpinitiated required: true | consensus false": SAML_NUMBERED,
  "php components/samlconnection2.allowidpinitiated required: false | consensus true": SAML_NUMBERED,
  "crystalline components/samlconnection2.allowsubdomains required: true | consensus false": SAML_NUMBERED,
  "php components/samlconnection2.allowsubdomains required: false | consensus true": SAML_NUMBERED,
  "crystalline components/samlconnection2.disableadditionalidentifications required: true | consensus false": SAML_NUMBERED,
  "php components/samlconnection2.disableadditionalidentifications required: false | consensus true": SAML_NUMBERED,

  "php enum operations/provider: saml_custom,saml_google,saml_microsoft,saml_okta | consensus oidc_custom,oidc_github_enterprise,oidc_gitlab,saml_custom,saml_google,saml_microsoft,saml_okta":
    PHP_PROVIDER,
  "python enum operations/queryparamstatus: abandoned,active,ended,expired,removed,replaced,revoked | consensus accepted,expired,pending,revoked": PY_QUERYPARAMSTATUS,
};

// ---------------------------------------------------------------------------------------------

describe("cross-dialect agreement on Clerk (Python, Crystalline, Java, C#, PHP)", () => {
  it("reads each corpus through loadIR with its dialect detected and no errors", () => {
    for (const [column, , dialect] of FIVE) {
      const { ir } = loaded.get(column)!;
      expect(ir.dialect, column).toBe(dialect);
      expect(ir.diagnostics.filter((d) => d.severity === "error"), column).toEqual([]);
    }
    expect(sorbet.ir.dialect).toBe("ruby-sorbet");
  });

  it("matches models one to one, by doc name within the folder group, and naming variants through links", () => {
    const m = agreement.matching;
    for (const c of five) {
      const ids = [...m.ids.get(c.name)!.values()];
      expect(new Set(ids).size, `${c.name}: two models matched to one`).toBe(ids.length);
    }
    const id = (column: string, source: string) => m.ids.get(column)!.get(source);
    // One model under five spellings of its path.
    expect(
      [
        ["python", "models/phonenumber.md"],
        ["crystalline", "models/components/phonenumber.md"],
        ["java", "models/components/PhoneNumber.md"],
        ["csharp", "Models/Components/PhoneNumber.md"],
        ["php", "Models/Components/PhoneNumber.md"],
      ].map(([c, s]) => id(c!, s!)),
    ).toEqual(Array(5).fill("components/phonenumber"));
    // Same name, different folders: two models, kept apart; python's flat doc takes the one of its shape.
    expect(id("java", "models/components/Actor.md")).toBe("components/actor");
    expect(id("java", "models/operations/Actor.md")).toBe("operations/actor");
    // Naming variants found through the links: python names operations/Actor after its operation,
    // PHP renames the reserved word Object.
    expect(m.byLink.get("python")!.get("models/createactortokenactor.md")).toBe("operations/actor");
    expect(id("php", "Models/Components/ObjectT.md")).toBe(id("java", "models/components/Object.md"));

    const unmatched = Object.fromEntries(five.map((c) => [c.name, m.unmatched.get(c.name)!.length]));
    console.log(
      `Unmatched models per dialect (no partner in any other of the five):\n${five
        .map((c) => `  ${c.name} (${unmatched[c.name]}): ${m.unmatched.get(c.name)!.join(" ")}`)
        .join("\n")}`,
    );
    // Python: error bodies named after their operation and response (no other SDK has them under
    // that name, and python's have no raw_response field), and two request bodies.
    // Crystalline: schemas the others share, which it splits per use (one enum per verification
    // kind and parent), and error classes named by status (…BadRequestError).
    // C#: HTTPMetadata (its SDK's response metadata) and two error bodies.
    // PHP: the older EnterpriseConnection1/2 and SAMLConnection variants (see PHP_OLDER), among
    // them SAMLConnection.md and SamlConnection.md, two models whose names differ only in case
    // (neither takes the name: see matchModels).
    expect(unmatched).toEqual({ python: 18, crystalline: 160, java: 0, csharp: 3, php: 6 });
    expect(m.unmatched.get("php")).toContain("Models/Components/SamlConnection.md");
  });

  it("each dialect agrees with the consensus of the others on type and Required for at least 99% of matched fields", () => {
    console.log(`Cross-dialect agreement (each dialect vs the consensus of the other four):\n${table(agreement.summaries)}`);
    for (const s of agreement.summaries) {
      expect(s.matchedModels / s.models, s.corpus).toBeGreaterThan(0.85);
      expect(typeAgrees(s) / s.matchedFields, s.corpus).toBeGreaterThanOrEqual(0.99);
      expect(s.requiredSame / s.matchedFields, s.corpus).toBeGreaterThanOrEqual(0.99);
    }
    // The whole table, pinned: a change in any dialect's reading shows here.
    expect(
      agreement.summaries.map((s) => [s.corpus, s.matchedModels, s.matchedFields, s.typeSame, s.typeRenamed, s.typeAdds, s.typeLacks, s.typeDiffers, s.requiredSame, s.nullableCompared, s.nullableSame, s.enums, s.enumsSame]),
    ).toEqual([
      ["python", 863, 2899, 2865, 24, 6, 4, 0, 2899, 2632, 2632, 217, 216],
      ["crystalline", 940, 3252, 3236, 9, 0, 7, 0, 3246, 2141, 2141, 195, 195],
      ["java", 988, 3504, 3495, 5, 4, 0, 0, 3504, 3089, 3089, 203, 203],
      ["csharp", 1102, 3157, 3142, 11, 3, 1, 0, 3157, 0, 0, 218, 218],
      ["php", 947, 3280, 3249, 22, 1, 5, 3, 3274, 0, 0, 202, 201],
    ]);
  });

  it("every residual difference is pinned with its cause, and every pinned one still occurs", () => {
    const found = residuals(agreement);
    const unexplained = found.filter((r) => !(r in PINNED));
    const gone = Object.keys(PINNED).filter((p) => !found.includes(p));
    expect(unexplained, "differences with no pinned cause").toEqual([]);
    expect(gone, "pinned differences that no longer occur").toEqual([]);
    const byCause = new Map<string, number>();
    for (const r of found) byCause.set(PINNED[r]!, (byCause.get(PINNED[r]!) ?? 0) + 1);
    console.log(`Residual differences by cause:\n${[...byCause].map(([cause, n]) => `  ${n} × ${cause}`).join("\n")}`);
  });

  it("nullability: where two docs can say it, they agree; C# and PHP lose required-nullable fields", () => {
    for (const s of agreement.summaries) expect(s.nullableSame, s.corpus).toBe(s.nullableCompared);
    // Required fields that Python, Java and Crystalline (by majority) show as nullable: C# and
    // PHP write them with a plain type, so docs2ts reads them as not nullable (README: "Optional
    // and nullable, per dialect"). A fact those dialects lack, not a disagreement.
    const lost = (column: string) =>
      agreement.rows.filter((r: FieldRow) => r.corpus === column && r.required && !r.nullable && nullableByShowers(r.key, column) === true).length;
    const counts = { csharp: lost("csharp"), php: lost("php") };
    console.log(`Required nullable fields that the C# / PHP docs cannot show: ${JSON.stringify(counts)}`);
    expect(counts.csharp).toBeGreaterThan(100);
    expect(counts.php).toBeGreaterThan(100);
  });

  it("Sorbet (the same API a year earlier) against the consensus of the five: reported, not held to 99%", () => {
    console.log(`Ruby/Sorbet (2024-11, bapi/2024-10-01.yml) vs the consensus of the five:\n${table(older.summaries)}`);
    const [s] = older.summaries;
    // Causes, not itemised: a year of API changes (fields made required, enums grown), the SDK's
    // overlay that deletes nullability and turns two constants into string enums, and Sorbet's
    // Float for fields the later spec types as integers.
    expect([s!.matchedModels, s!.matchedFields, s!.typeSame, s!.typeRenamed, s!.typeAdds, s!.typeLacks, s!.typeDiffers, s!.requiredSame, s!.enums, s!.enumsSame]).toEqual([
      367, 1225, 1172, 6, 1, 38, 8, 1092, 54, 48,
    ]);
  });
});

/** Majority nullability among the Python, Java and Crystalline docs of a required field. */
const rowsByKey = new Map<string, FieldRow[]>();
for (const r of agreement.rows) rowsByKey.set(r.key, [...(rowsByKey.get(r.key) ?? []), r]);
function nullableByShowers(key: string, except: string): boolean | undefined {
  const shown = (rowsByKey.get(key) ?? []).filter((r) => r.corpus !== except && r.required && ["python", "java", "crystalline"].includes(r.corpus));
  const n = shown.filter((r) => r.nullable).length;
  return shown.length === 0 || n * 2 === shown.length ? undefined : n * 2 > shown.length;
}
