import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TypeRef } from "../../generator/ir/types.js";
import { listDocs } from "../../generator/markdown/read.js";
import { checkEnumUsage, checkExamples, INCOMPLETE, rawTables, rejectionKind, type ExampleResult, type RejectionKind } from "../helpers/examples.js";
import { generated, type GeneratedModule } from "../helpers/generated.js";
import { corpusPath } from "../helpers/shared.js";
import { typecheck } from "../helpers/tsc.js";
import { compactWith } from "../helpers/sdk-corpus.js";

/**
 * The whole clerk-python corpus (882 docs), generated with no flags: the dialect is detected.
 * Read from ../shared at run time; nothing of it is copied here.
 */
const corpus = corpusPath("clerk-python");
const out = generated(corpus, "corpus-python");
const bySource = new Map(out.ir.models.map((m) => [m.source, m]));
const docs = listDocs(corpus).filter((p) => p.startsWith("models/"));
const text = (path: string) => readFileSync(join(corpus, path), "utf8");

// ---------------------------------------------------------------------------------------------
// The oracle: what a Python doc says, read from its raw lines with string operations.

interface Shape {
  type: string;
  /** The outermost wrapper: Optional / Nullable / OptionalNullable, or none. */
  wrapper?: string;
}

const SCALARS: Record<string, string> = { str: "string", int: "integer", float: "number", bool: "boolean", Any: "any", "Literal[True]": "true", "Literal[False]": "false", "Union[bytes, IO[bytes], io.IOBase]": "binary" };
const WRAPPED = /^(Optional|Nullable|OptionalNullable)\[(.*)\]$/;

function shapeOf(cell: string, docPath: string): Shape {
  const link = /^\[(.*)\]\((.*)\)$/.exec(cell);
  if (link) {
    const [, label, url] = link as unknown as [string, string, string];
    if (/^https?:/.test(url)) return { type: label === "date" ? "date|datetime" : label === "datetime" ? "datetime|date" : `external:${label}` };
    const target = posix.normalize(posix.join(posix.dirname(docPath), url));
    if (!existsSync(join(corpus, target))) throw new Error(`oracle: ${url} from ${docPath} is not a file`);
    const w = WRAPPED.exec(label);
    return { type: `ref:${target}`, ...(w ? { wrapper: w[1]! } : {}) };
  }
  const list = /^List\[(.*)\]$/.exec(cell);
  if (list) return { type: `array<${shapeOf(list[1]!, docPath).type}>` };
  const dict = /^Dict\[str, (.*)\]$/.exec(cell);
  if (dict) return { type: `map<${shapeOf(dict[1]!, docPath).type}>` };
  const bare = cell.replace(/^\*(.*)\*$/, "$1");
  const w = WRAPPED.exec(bare);
  const scalar = SCALARS[w ? w[2]! : bare];
  return { type: scalar ?? `unknown:${cell}`, ...(w ? { wrapper: w[1]! } : {}) };
}

/** IR types in the oracle's form: unions as `a|b`. */
function compact(t: TypeRef): string {
  return compactWith(t, (members) => members.join("|"));
}

// ---------------------------------------------------------------------------------------------

describe("clerk-python corpus (882 docs)", () => {
  it("is detected as python with no flags, by every doc that votes", () => {
    expect(out.ir.dialect).toBe("python");
    expect(out.ir.diagnostics.filter((d) => d.code === "mixed-dialects" || d.code === "unknown-dialect")).toEqual([]);
  });

  it("generates with 0 errors and exactly the warnings the corpus justifies", () => {
    expect(out.ir.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(out.ir.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      // The corpus's own SOURCE.md: a page, not a model.
      "SOURCE.md:1 not-a-model",
      // The SDK's RetryConfig page (Name | Type | Description | Example, no Required column): SDK
      // configuration, not an API model, and no doc links to it.
      "models/utils/retryconfig.md:7 not-a-model",
    ]);
    expect(docs.length).toBe(882);
    expect(out.ir.models.length).toBe(881);
    expect(out.files.length).toBe(881 + 4); // + runtime.ts, index.ts, README.md, .docs2ts-models.json
  });

  it("reads every model and field as the docs say: names, types, Required, nullability, enum values, union members", () => {
    let fields = 0;
    let extra = 0;
    const kinds = { object: 0, enum: 0, union: 0 };
    for (const path of docs) {
      if (path === "models/utils/retryconfig.md") continue;
      const doc = text(path);
      const model = bySource.get(path)!;
      expect(model, path).toBeDefined();
      kinds[model.kind]++;
      if (/^## Supported Types$/m.test(doc)) {
        const members = [...doc.matchAll(/^### `models\.(\w+)`$/gm)].map(([, n]) => `ref:models/${n!.toLowerCase()}.md`);
        expect(model.kind, path).toBe("union");
        expect(model.members!.map(compact), path).toEqual(members);
        continue;
      }
      const [table] = rawTables(doc);
      if (table!.header[0] === "Name") {
        expect(model.kind, path).toBe("enum");
        expect(model.values!.map((v) => [v.name, v.value]), path).toEqual(table!.rows.map((r) => [r[0]!.replace(/`/g, ""), r[1]!]));
        continue;
      }
      const isExtra = (r: string[]) => r[0] === "`__pydantic_extra__`";
      const rows = table!.rows.filter((r) => !isExtra(r));
      if (rows.length < table!.rows.length) {
        // pydantic's catch-all for undeclared keys: no field, the model's additionalProperties.
        expect(compact(model.additionalProperties!), path).toBe(shapeOf(table!.rows.find(isExtra)![1]!, path).type.replace(/^map<(.*)>$/, "$1"));
        extra++;
      } else {
        expect(model.additionalProperties, path).toBeUndefined();
      }
      const required = rows.map((r) => r[2] === ":heavy_check_mark:");
      const shapes = rows.map((r) => shapeOf(r[1]!, path));
      expect(model.kind, path).toBe("object");
      expect(model.fields!.map((f) => f.name), path).toEqual(rows.map((r) => r[0]!.replace(/~~/g, "").replace(/`/g, "")));
      expect(model.fields!.map((f) => f.required), path).toEqual(required);
      expect(model.fields!.map((f) => compact(f.type)), path).toEqual(shapes.map((s) => s.type));
      // The dialect's nullability policy: Nullable / OptionalNullable accept null, Optional does
      // not; an optional cell with no wrapper (lists, dicts, dates) accepts null.
      const nullable = shapes.map((s, i) => s.wrapper === "Nullable" || s.wrapper === "OptionalNullable" || (!required[i] && s.wrapper === undefined));
      expect(model.fields!.map((f) => f.nullable), path).toEqual(nullable);
      fields += rows.length;
    }
    expect(extra).toBe(3);
    expect(fields).toBe(2951 - 7 - 3); // DIALECTS.md: 2,951 Type cells, 7 of them retryconfig's, 3 __pydantic_extra__
    expect(kinds).toEqual({ object: 641, enum: 218, union: 22 });
  });

  it("Required and the wrappers agree everywhere: Optional* only on optional cells, Nullable only on required ones", () => {
    for (const m of out.ir.models) {
      const doc = text(m.source);
      for (const row of rawTables(doc)[0]?.rows ?? []) {
        const wrapper = shapeOf(row[1]!, m.source).wrapper;
        if (wrapper === undefined) continue;
        expect([m.source, row[0], wrapper, row[2]]).toEqual([m.source, row[0], wrapper, wrapper === "Nullable" ? ":heavy_check_mark:" : ":heavy_minus_sign:"]);
      }
    }
  });

  it("compiles under tsc --strict with 0 errors", () => {
    expect(typecheck(out.dir)).toEqual([]);
  });

  describe("the docs' own examples, checked by the generated validators", () => {
    let mod: GeneratedModule;
    let results: ExampleResult[];
    beforeAll(async () => {
      mod = await out.load();
      results = checkExamples(out.ir.models, mod);
    });

    it("Example cells: every rejection is listed with its cause; at least 99% agree with their field's type", () => {
      const rejected = results.filter((r) => r.issues.length > 0);
      expect(Object.fromEntries(rejected.map((r) => [`${r.model}.${r.field}`, rejectionKind(r)]))).toEqual(
        Object.fromEntries(Object.entries(KNOWN_REJECTIONS).map(([at, [kind]]) => [at, kind])),
      );
      // The values themselves: every issue but "a required property is missing" from a nested
      // example object (the docs' examples of list responses and verifications are partial).
      const disagree = results.filter((r) => r.issues.some((i) => !INCOMPLETE.test(i)));
      expect(results.length).toBe(1105);
      expect(rejected.length).toBe(18); // 98.4% accepted as complete values
      expect(disagree.length).toBe(9);
      expect((results.length - disagree.length) / results.length).toBeGreaterThanOrEqual(0.99);
    });

    it("control: the same check rejects every example replaced by a value of another JSON kind", () => {
      const corrupted = checkExamples(out.ir.models, mod, true);
      const typed = (r: ExampleResult) => {
        const field = out.ir.models.find((m) => m.name === r.model)!.fields!.find((f) => f.name === r.field)!;
        return field.type.kind !== "any" && field.type.kind !== "external";
      };
      expect(corrupted.length).toBe(results.length);
      expect(corrupted.filter((r) => typed(r) && r.issues.length === 0).map((r) => `${r.model}.${r.field}`)).toEqual([]);
      expect(corrupted.filter(typed).length).toBeGreaterThan(400);
    });

    it("Example Usage of every enum names one of its values, and the generated const holds it", () => {
      const usage = checkEnumUsage(out.ir.models, mod, /value = (\w+)\.(\w+)/);
      expect(usage.failures).toEqual([]);
      expect(usage.checked).toBe(218);
    });
  });
});

/**
 * Example cells the validators reject, each with its cause (read from the docs). All are the
 * examples' faults, not the types': the Type column and the Required column of the nested models
 * agree with the spec, and the examples predate or ignore them.
 */
const KNOWN_REJECTIONS: Record<string, [RejectionKind, string]> = {
  "CreateInvitationRequestBody.ignore_existing": ["wrong-kind", "the cell is 'false' after a zero-width space (U+200B): a string, not a boolean"],
  "EmailAddress.verification": ["incomplete", "{status, strategy} only: every union member requires more (Admin: attempts, expire_at)"],
  "GetUsersCountRequest.organization_id": ["wrong-kind", "a List[str] query parameter whose example is one string ('John Doe')"],
  "ListOrganizationMembershipsRequest.email_address": ["wrong-kind", "a List[str] query parameter whose example is one string"],
  "ListOrganizationsRequest.user_id": ["wrong-kind", "a List[str] query parameter whose example is one string"],
  "ListOrganizationsRequest.organization_id": ["wrong-kind", "a List[str] query parameter whose example is one string"],
  "OAuthApplications.data": ["incomplete", "OAuthApplication objects without 8 of their required fields"],
  "OrganizationInvitations.data": ["incomplete", "OrganizationInvitation objects without 6 of their required fields"],
  "Organizations.data": ["incomplete", "{id, name} only: Organization requires 8 more fields"],
  "SAMLAccount.verification": ["incomplete", "without the required (nullable) attempts"],
  "UploadOrganizationLogoRequestBody.file": ["wrong-kind", "a file path string for the multipart file object {file_name, content}"],
  "User.email_addresses": ["incomplete", "EmailAddress objects without reserved, linked_to, and a partial verification union"],
  "User.phone_numbers": ["incomplete", "PhoneNumber objects without reserved, linked_to, verification.attempts/expire_at"],
  "User.web3_wallets": ["incomplete", "verification without the required (nullable) attempts, expire_at"],
  "User.passkeys": ["incomplete", "verification {status, strategy} only: VerificationPasskey requires attempts, expire_at"],
  "User.external_accounts": ["incomplete", "{id, provider, user_id} only: 11 required fields missing"],
  "User.saml_accounts": ["incomplete", "verification without the required (nullable) attempts"],
  "Web3Wallet.verification": ["incomplete", "without the required (nullable) attempts, expire_at"],
};
