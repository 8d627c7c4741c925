import type { Diagnostic, Field, IR, Model } from "./types.js";

/**
 * The JSON keys of the generated types. Docs of most SDK languages show the SDK's property names
 * (`teamId`, `ClientID`), not the API's JSON keys; the `keys` option says what docs2ts makes of
 * them, in this one place, after the docs are read:
 *   - "as-written": the Field column as it is (the default; right for the Ruby and Python docs,
 *     which show wire names, and for TypeScript docs of APIs whose keys are camelCase);
 *   - "snake_case": `ClientID` -> `client_id`, `teamId` -> `team_id`;
 *   - "camelCase": `ClientID` -> `clientId`, `LogoURI` -> `logoUri`.
 * A converted key is stored as `wireName` beside the unchanged `name`. Only the OpenAPI document
 * knows the true wire names: a conversion is a rule, and the README lists where it goes wrong.
 */
export type KeyStyle = "as-written" | "snake_case" | "camelCase";

export const KEY_STYLES: readonly KeyStyle[] = ["as-written", "snake_case", "camelCase"];

/** The JSON key of a field: its converted wire name, else its name as written. */
export function fieldKey(f: Field): string {
  return f.wireName ?? f.name;
}

/**
 * The words of an identifier: `ClientID` -> Client, ID; `HTTPMeta` -> HTTP, Meta;
 * `RedirectURIs` -> Redirect, URIs; `oid4vciVersion` -> oid4vci, Version; `x509Cert` -> x509, Cert.
 */
export function words(name: string): string[] {
  return name.match(WORD) ?? [];
}

const WORD = /\p{Lu}+s(?!\p{Ll})|\p{Lu}+(?=\p{Lu}\p{Ll}|$|[^\p{L}\p{N}])|\p{Lu}?\p{Ll}+(?:\p{N}+\p{Ll}+)*\p{N}*|\p{Lu}+\p{N}*|\p{N}+/gu;

/** Names the conversions touch: letters, digits and underscores only. Others stay as written. */
const CONVERTIBLE = /^[\p{L}\p{N}_]+$/u;

export function convertKey(name: string, style: KeyStyle): string {
  if (style === "as-written" || !CONVERTIBLE.test(name)) return name;
  const lead = /^_*/.exec(name)![0];
  const parts = words(name);
  if (parts.length === 0) return name;
  if (style === "snake_case") return lead + parts.map((w) => w.toLowerCase()).join("_");
  return lead + parts.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join("");
}

/**
 * Give every field of every model its key in the chosen style (`wireName`, set only where it
 * differs from the name). Two fields of one model that convert to the same key are an error.
 */
export function applyKeys<M extends Pick<Model, "source" | "fields">>(models: readonly M[], style: KeyStyle): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (style === "as-written") return diagnostics;
  for (const model of models) {
    if (!model.fields) continue;
    const taken = new Map<string, Field>();
    model.fields = model.fields.map((f) => {
      const key = convertKey(f.name, style);
      const other = taken.get(key);
      if (other) {
        diagnostics.push({
          severity: "error",
          file: model.source,
          line: f.line,
          column: 1,
          code: "key-collision",
          message: `fields '${other.name}' (line ${other.line}) and '${f.name}' both become the key '${key}' in ${style}; use --keys as-written`,
        });
      }
      taken.set(key, f);
      if (key === f.name) return f;
      const { name, ...rest } = f;
      return { name, wireName: key, ...rest };
    });
  }
  return diagnostics;
}

/** Dialects whose docs name fields as the SDK's PascalCase properties (Go's `ClientID`, C#'s `PhoneNumber`). */
const PASCAL_CASE_SDKS = new Set(["go", "csharp"]);

/**
 * A hint for a run that was given no key style: when most fields are named as a Go or C# SDK
 * names its properties (PascalCase, keys a JSON API seldom uses), validators that check the
 * names as written would reject the API's payloads. Undefined otherwise.
 */
export function sdkNamesHint(ir: IR): string | undefined {
  if (!PASCAL_CASE_SDKS.has(ir.dialect)) return undefined;
  let named = 0;
  let pascal = 0;
  let example: string | undefined;
  for (const model of ir.models) {
    for (const f of model.fields ?? []) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(f.name)) continue;
      named++;
      if (f.name[0]! >= "A" && f.name[0]! <= "Z") {
        pascal++;
        example ??= f.name;
      }
    }
  }
  if (example === undefined || pascal * 2 <= named) return undefined;
  return `field names are the SDK's PascalCase properties ('${example}'), kept as written: --keys camelCase or --keys snake_case gives the API's JSON keys (README, "Key names")`;
}
