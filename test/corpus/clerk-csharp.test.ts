import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Model } from "../../generator/api.js";
import { listDocs } from "../../generator/markdown/read.js";
import { generated } from "../helpers/generated.js";
import { checkExamples, compact, linkTarget, rawDoc } from "../helpers/sdk-corpus.js";
import { corpusPath, sharedPath } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";

const corpus = corpusPath("clerk-csharp");
// Generated once per process with no options: the dialect is detected.
const out = generated(corpus, "corpus-clerk-csharp");
const { ir } = out;
const bySource = new Map(ir.models.map((m) => [m.source, m]));
const docs = listDocs(corpus).filter((p) => p.startsWith("Models/"));

/** The independent oracle: a raw C# Type cell -> the compact IR it must give, by regular expressions. */
function shapeOf(cell: string, docPath: string): string {
  const link = /^\[(.*)\]\(([^)]*)\)$/.exec(cell);
  if (link) {
    const [, text, url] = link;
    if (/^https?:/.test(url!)) return text === "DateTime" ? "datetime" : text === "LocalDate" ? "date" : `external:${text}`;
    return `ref:${linkTarget(docPath, url!)}`;
  }
  let m = /^List<(.*)>$/.exec(cell);
  if (m) return `array<${shapeOf(m[1]!, docPath)}>`;
  m = /^Dictionary<String, (.*)>$/.exec(cell);
  if (m) return `map<${shapeOf(m[1]!, docPath)}>`;
  const scalars: Record<string, string> = {
    string: "string",
    long: "integer",
    int: "integer",
    bool: "boolean",
    double: "number",
    float: "number",
    object: "any",
    "byte[]": "binary",
    HttpRequestMessage: "external:HttpRequestMessage",
  };
  m = /^\*(.*)\*$/.exec(cell);
  return (m && scalars[m[1]!]) || `unknown:${cell}`;
}

/**
 * Union members whose heading names no doc. C# names a member after the OpenAPI schema's key,
 * while the model (and its doc) takes the schema's `x-speakeasy-name-override`: the expected doc
 * is the override's, and the test checks the spec really says so. `VerificationWeb3` is
 * `Web3Signature`, which no tail of the heading names: docs2ts cannot find it and reads any value.
 */
const RENAMED: Record<string, { schema: string; override: string; doc?: string }> = {
  VerificationGoogleOneTap: { schema: "verification_google_one_tap", override: "GoogleOneTap", doc: "Models/Components/GoogleOneTap.md" },
  VerificationFromOauth: { schema: "verification_from_oauth", override: "FromOAuth", doc: "Models/Components/FromOAuth.md" },
  VerificationEmailLink: { schema: "verification_email_link", override: "EmailLink", doc: "Models/Components/EmailLink.md" },
  VerificationWeb3: { schema: "verification_web3", override: "Web3Signature" },
};

/** The member doc an exact name gives: the file of that name (any case), in the union's folder first. */
function memberDoc(heading: string, union: string): string | undefined {
  const hits = docs.filter((p) => posix.basename(p, ".md").toLowerCase() === heading.toLowerCase());
  if (hits.length === 1) return hits[0];
  return hits.find((p) => posix.dirname(p) === posix.dirname(union));
}

describe("clerk-csharp corpus (1,105 docs)", () => {
  it("is detected as csharp with no flags, and generates with 0 errors", () => {
    expect(ir.dialect).toBe("csharp");
    expect(ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(docs.length).toBe(1105);
    expect(ir.models.length).toBe(1105);
  });

  it("warns only about the four renamed union members and the SOURCE.md page", () => {
    expect(ir.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([
      "unresolved-member Models/Components/ExternalAccountWithVerificationVerification.md:12",
      "unresolved-member Models/Components/Verification.md:18",
      "unresolved-member Models/Components/Verification.md:36",
      "unresolved-member Models/Components/Web3WalletVerification.md:6",
      "not-a-model SOURCE.md:1",
    ]);
    for (const [heading, { doc }] of Object.entries(RENAMED)) {
      const warning = ir.diagnostics.find((d) => d.message.includes(`'${heading}'`));
      expect(warning?.message, heading).toContain(doc ? `reading it as ${doc}` : "the member accepts any value");
    }
  });

  it("the renamed members are the schemas' name overrides in the OpenAPI document", () => {
    const spec = parse(readFileSync(sharedPath("corpora", "clerk-openapi", "head", "2026-05-12.yml"), "utf8")) as {
      components: { schemas: Record<string, Record<string, unknown>> };
    };
    for (const [heading, { schema, override }] of Object.entries(RENAMED)) {
      const pascal = schema.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
      expect(pascal.toLowerCase(), heading).toBe(heading.toLowerCase());
      expect(spec.components.schemas[schema]?.["x-speakeasy-name-override"], heading).toBe(override);
    }
  });

  it("reads every model, field, enum value and union member as the docs say", () => {
    let fields = 0;
    let values = 0;
    let members = 0;
    for (const path of docs) {
      const raw = rawDoc(corpus, path);
      const model = bySource.get(path) as Model;
      expect(model, path).toBeDefined();
      expect(model.title, path).toBe(raw.title.replace(/^~~(.*)~~$/, "$1"));
      const [section] = raw.sections.filter((s) => s !== "Example Usage");
      if (section === "Supported Types") {
        expect(model.kind, path).toBe("union");
        const want = raw.members.map((h) => {
          const renamed = RENAMED[h];
          if (renamed) return renamed.doc ? `ref:${renamed.doc}` : "any";
          const doc = memberDoc(h, path);
          return doc ? `ref:${doc}` : `unknown:${h}`;
        });
        expect(model.members!.map(compact), path).toEqual(want);
        members += want.length;
        continue;
      }
      const table = raw.tables[0]!;
      if (section === "Values") {
        expect(model.kind, path).toBe("enum");
        expect(model.values!.map((v) => v.value), path).toEqual(table.rows.map((r) => r[table.header.indexOf("Value")]!));
        values += table.rows.length;
        continue;
      }
      expect(section, path).toBe("Fields");
      expect(model.kind, path).toBe("object");
      const want = table.rows.map((r) => {
        const required = r[2] === ":heavy_check_mark:";
        // No marker in C# docs: optional fields may be null, required ones may not.
        return [r[0]!.replace(/~~|`/g, ""), shapeOf(r[1]!, path), required, !required];
      });
      expect(model.fields!.map((f) => [f.name, compact(f.type), f.required, f.nullable]), path).toEqual(want);
      fields += want.length;
    }
    // Every Type cell (DIALECTS.md §2.5: 3,419) and every enum row was compared.
    expect([fields, values]).toEqual([3419, 3821 - 3419]);
    expect(members).toBe(40);
  });

  it("keeps C#'s PascalCase names, and the `Value` suffix of properties named like their class, as written", () => {
    const names = (source: string) => bySource.get(source)!.fields!.map((f) => f.name);
    expect(names("Models/Components/PhoneNumber.md")).toContain("PhoneNumberValue");
    expect(names("Models/Components/EmailAddress.md")).toContain("EmailAddressValue");
    const all = ir.models.flatMap((m) => m.fields ?? []).map((f) => f.name);
    expect(all.filter((n) => !/^[A-Z]/.test(n))).toEqual([]);
  });

  it("compiles under tsc --strict with 0 errors", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  it("accepts the docs' own Example values (assembled per model) with the generated validators: 1,099 of 1,107", async () => {
    const check = checkExamples(corpus, ir.models, await out.load());
    expect([check.models, check.values, check.accepted]).toEqual([258, 1107, 1099]);
    expect(check.accepted / check.values).toBeGreaterThanOrEqual(0.99);
    // Every rejection, with its cause. None is a misread type: the docs cannot say, or the example is wrong.
    const causes: Record<string, string> = {
      // The spec has `nullable: true`; C# docs show a required nullable field as a plain `*long*`.
      "Models/Components/User.md: /MfaDisabledAt expected integer, received null": "required nullable field: C# docs cannot show it",
      "Models/Components/User.md: /LockoutExpiresInSeconds expected integer, received null": "required nullable field: C# docs cannot show it",
      // The cell holds U+200B (zero-width space) before `false`.
      "Models/Operations/CreateInvitationRequestBody.md: /IgnoreExisting expected boolean | null, received string": "the example is not a boolean",
      // Array query parameters whose example is one element.
      "Models/Operations/GetUsersCountRequest.md: /OrganizationId expected array, received string": "one element for a list",
      "Models/Operations/ListOrganizationMembershipsRequest.md: /EmailAddress expected array, received string": "one element for a list",
      "Models/Operations/ListOrganizationsRequest.md: /UserId expected array, received string": "one element for a list",
      "Models/Operations/ListOrganizationsRequest.md: /OrganizationId expected array, received string": "one element for a list",
      // A file upload's example is a path; the SDK field is the file object (name, content, type).
      "Models/Operations/UploadOrganizationLogoRequestBody.md: /File expected UploadOrganizationLogoFile, received string": "a path for a file object",
    };
    expect(check.rejections.map((r) => r.replace(/ \(example .*\)$/s, ""))).toEqual(Object.keys(causes));
    expect(check.rejections[2]).toContain('(example "\u200bfalse")');
  });
});
