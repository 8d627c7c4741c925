import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyKeys, convertKey, fieldKey, words } from "../../generator/ir/keys.js";
import type { Field } from "../../generator/ir/types.js";
import { docs2ts, tempTree } from "../helpers/cli.js";

// SDK property names as the TypeScript and Go docs write them, and the key each style gives.
const table: [name: string, words: string[], snake: string, camel: string][] = [
  ["teamId", ["team", "Id"], "team_id", "teamId"],
  ["ClientID", ["Client", "ID"], "client_id", "clientId"],
  ["LogoURI", ["Logo", "URI"], "logo_uri", "logoUri"],
  ["RedirectURIs", ["Redirect", "URIs"], "redirect_uris", "redirectUris"],
  ["HTTPMeta", ["HTTP", "Meta"], "http_meta", "httpMeta"],
  ["IDTokenAudType", ["ID", "Token", "Aud", "Type"], "id_token_aud_type", "idTokenAudType"],
  ["Oid4vciVersion", ["Oid4vci", "Version"], "oid4vci_version", "oid4vciVersion"],
  ["x509Cert", ["x509", "Cert"], "x509_cert", "x509Cert"],
  ["X509Cert", ["X509", "Cert"], "x509_cert", "x509Cert"],
  ["HTTP2Client", ["HTTP2", "Client"], "http2_client", "http2Client"],
  ["UsesPKCE", ["Uses", "PKCE"], "uses_pkce", "usesPkce"],
  ["client_id", ["client", "id"], "client_id", "clientId"],
  ["_id", ["id"], "_id", "_id"],
  ["URI", ["URI"], "uri", "uri"],
  ["Status", ["Status"], "status", "status"],
  ["isÉtéOK", ["is", "Été", "OK"], "is_été_ok", "isÉtéOk"],
  // a documented limit (README): irregular case converts wrongly
  ["iOSApp", ["i", "OS", "App"], "i_os_app", "iOsApp"],
];

describe("key naming", () => {
  it.each(table)("%s", (name, w, snake, camel) => {
    expect(words(name)).toEqual(w);
    expect(convertKey(name, "snake_case")).toBe(snake);
    expect(convertKey(name, "camelCase")).toBe(camel);
    expect(convertKey(name, "as-written")).toBe(name);
  });

  it("leaves names that are not identifiers as written", () => {
    for (const name of ["$schema", "@type", "a-b", "x.y", "Content-Type"]) {
      expect(convertKey(name, "snake_case")).toBe(name);
      expect(convertKey(name, "camelCase")).toBe(name);
    }
  });

  const field = (name: string, line: number): Field => ({ name, type: { kind: "string" }, required: true, nullable: false, line });

  it("sets wireName only where the key differs, and keeps name as written", () => {
    const models = [{ source: "m.md", fields: [field("ClientID", 3), field("name", 4)] }];
    expect(applyKeys(models, "snake_case")).toEqual([]);
    expect(models[0]!.fields.map((f) => [f.name, f.wireName, fieldKey(f)])).toEqual([
      ["ClientID", "client_id", "client_id"],
      ["name", undefined, "name"],
    ]);
    expect(Object.keys(models[0]!.fields[0]!).slice(0, 2)).toEqual(["name", "wireName"]);
  });

  it("as-written changes nothing", () => {
    const models = [{ source: "m.md", fields: [field("ClientID", 3)] }];
    expect(applyKeys(models, "as-written")).toEqual([]);
    expect(models[0]!.fields[0]).toEqual(field("ClientID", 3));
  });

  it("two fields that become one key are a key-collision error naming both", () => {
    const models = [{ source: "models/m.md", fields: [field("ClientID", 3), field("ClientId", 5)] }];
    expect(applyKeys(models, "camelCase")).toEqual([
      {
        severity: "error",
        file: "models/m.md",
        line: 5,
        column: 1,
        code: "key-collision",
        message: "fields 'ClientID' (line 3) and 'ClientId' both become the key 'clientId' in camelCase; use --keys as-written",
      },
    ]);
  });
});

const goDoc = [
  "# Client",
  "",
  "## Fields",
  "",
  "| Field | Type | Required | Description |",
  "| --- | --- | --- | --- |",
  "| `ClientID` | `int64` | :heavy_check_mark: | N/A |",
  "| `LogoURI` | `*string` | :heavy_minus_sign: | N/A |",
  "",
].join("\n");

describe("--keys and config \"keys\"", () => {
  it("the generated type and validator use the converted keys", () => {
    const root = tempTree({ "docs/models/components/client.md": goDoc });
    const r = docs2ts(["generate", "--input", "docs", "--out", "out", "--keys", "snake_case"], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dialect go/);
    const text = readFileSync(join(root, "out/models/Client.ts"), "utf8");
    expect(text).toContain("    client_id: number;");
    expect(text).toContain("    logo_uri?: string | undefined;");
    expect(text).not.toMatch(/ClientID|LogoURI/);
  });

  it("the config key works, and the flag wins over it", () => {
    const root = tempTree({ "docs/models/components/client.md": goDoc, "docs2ts.config.json": '{ "input": "docs", "out": "out", "keys": "camelCase" }' });
    expect(docs2ts(["generate"], root).code).toBe(0);
    expect(readFileSync(join(root, "out/models/Client.ts"), "utf8")).toContain("    clientId: number;");
    const ir = docs2ts(["ir", "--keys", "as-written"], root);
    expect(ir.code).toBe(0);
    const fields = JSON.parse(ir.stdout).models[0].fields as Field[];
    expect(fields.map((f) => [f.name, f.wireName])).toEqual([
      ["ClientID", undefined],
      ["LogoURI", undefined],
    ]);
    const camel = JSON.parse(docs2ts(["ir"], root).stdout).models[0].fields as Field[];
    expect(camel.map((f) => [f.name, f.wireName])).toEqual([
      ["ClientID", "clientId"],
      ["LogoURI", "logoUri"],
    ]);
  });

  it("with no key style given, a run on Go docs named in PascalCase suggests one; a given style, even as-written, silences it", () => {
    const root = tempTree({ "docs/models/components/client.md": goDoc });
    const hint = /^docs2ts: dialect go \(detected from 1 docs?\); field names are the SDK's PascalCase properties \('ClientID'\), kept as written: --keys camelCase or --keys snake_case gives the API's JSON keys/m;
    const plain = docs2ts(["generate", "--input", "docs", "--out", "out"], root);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(hint);
    // A run the stamp vouches for repeats the note.
    expect(docs2ts(["generate", "--input", "docs", "--out", "out"], root).stderr).toMatch(hint);
    for (const keys of ["as-written", "camelCase"]) {
      const given = docs2ts(["generate", "--input", "docs", "--out", "out", "--keys", keys], root);
      expect(given.code, given.stderr).toBe(0);
      expect(given.stderr).toMatch(/^docs2ts: dialect go \(detected from 1 docs?\)$/m);
      expect(given.stderr).not.toMatch(/PascalCase/);
    }
    writeFileSync(join(root, "docs2ts.config.json"), '{ "input": "docs", "out": "out", "keys": "as-written" }');
    expect(docs2ts(["generate"], root).stderr).not.toMatch(/PascalCase/);
    // C# names its properties in PascalCase too.
    const csharp = tempTree({ "docs/Models/Components/Client.md": goDoc.replace("`int64`", "*long*").replace("`*string`", "*string*") });
    const cs = docs2ts(["generate", "--input", "docs", "--out", "out", "--dialect", "csharp"], csharp);
    expect(cs.code, cs.stderr).toBe(0);
    expect(cs.stderr).toMatch(/^docs2ts: field names are the SDK's PascalCase properties \('ClientID'\), kept as written/m);
    // Docs named as the JSON keys are (snake_case) get no hint.
    const snake = tempTree({ "docs/models/components/client.md": goDoc.replace("`ClientID`", "`client_id`").replace("`LogoURI`", "`logo_uri`") });
    const r = docs2ts(["generate", "--input", "docs", "--out", "out"], snake);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/PascalCase/);
  });

  it("a bad value is a usage error (exit 2), from the flag or the config", () => {
    const root = tempTree({ "docs/models/components/client.md": goDoc });
    const flag = docs2ts(["ir", "--input", "docs", "--keys", "kebab"], root);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown --keys 'kebab'; use one of as-written, snake_case, camelCase/);
    writeFileSync(join(root, "docs2ts.config.json"), '{ "input": "docs", "keys": "SNAKE" }');
    const config = docs2ts(["ir"], root);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/"keys" must be one of "as-written", "snake_case", "camelCase"/);
  });

  it("a collision fails the run with exit 1 and writes nothing", () => {
    const doc = goDoc.replace("| `LogoURI` | `*string`", "| `ClientId` | `*string`");
    const root = tempTree({ "docs/models/components/client.md": doc });
    const r = docs2ts(["generate", "--input", "docs", "--out", "out", "--keys", "snake_case"], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/models\/components\/client\.md:8:1: error: fields 'ClientID' \(line 7\) and 'ClientId' both become the key 'client_id' in snake_case; use --keys as-written \[key-collision\]/);
    expect(existsSync(join(root, "out"))).toBe(false);
  });
});

describe("--keys in graph and diff", () => {
  it("graph shows the generated keys", () => {
    const root = tempTree({ "docs/models/components/client.md": goDoc });
    const plain = docs2ts(["graph", "--input", "docs"], root);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain("+ClientID integer");
    const camel = docs2ts(["graph", "--input", "docs", "--keys", "camelCase"], root);
    expect(camel.code, camel.stderr).toBe(0);
    expect(camel.stdout).toContain("+clientId integer");
    expect(camel.stdout).toContain("+logoUri? string");
    expect(camel.stdout).not.toMatch(/ClientID|LogoURI/);
  });

  it("diff reads docs with --keys, so they compare with output generated with the same keys", () => {
    const root = tempTree({ "docs/models/components/client.md": goDoc });
    expect(docs2ts(["generate", "--input", "docs", "--out", "out", "--keys", "camelCase"], root).code).toBe(0);
    // The output's record holds the camelCase keys; the docs read as written do not match them.
    const plain = docs2ts(["diff", "out", "docs", "--json"], root);
    expect(plain.code, plain.stderr).toBe(0);
    const changes = (JSON.parse(plain.stdout) as { models: { changes: { kind: string; field?: string }[] }[] }).models.flatMap((m) => m.changes);
    expect(changes.map((c) => `${c.kind} ${c.field}`).sort()).toEqual(["field-added ClientID", "field-added LogoURI", "field-removed clientId", "field-removed logoUri"]);
    const same = docs2ts(["diff", "out", "docs", "--keys", "camelCase"], root);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/^No changes\.\n/);
    const bad = docs2ts(["diff", "out", "docs", "--keys", "UPPER"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown --keys 'UPPER'/);
  });
});
