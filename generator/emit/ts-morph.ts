import type * as TsMorph from "ts-morph";
import { requireWithCodeCache } from "../code-cache.js";
import { timed } from "../timings.js";

/**
 * The values of ts-morph's `StructureKind` and `VariableDeclarationKind` that the emitters use,
 * as constants: reading them from ts-morph would load it, and `print.ts` prints most files
 * without it. test/emit/print.test.ts checks them against ts-morph's own.
 */
export const StructureKind = {
  Function: 13 as TsMorph.StructureKind.Function,
  ImportDeclaration: 16 as TsMorph.StructureKind.ImportDeclaration,
  Interface: 19 as TsMorph.StructureKind.Interface,
  SourceFile: 36 as TsMorph.StructureKind.SourceFile,
  TypeAlias: 38 as TsMorph.StructureKind.TypeAlias,
  VariableStatement: 41 as TsMorph.StructureKind.VariableStatement,
} as const;

export const VariableDeclarationKind = {
  Const: "const" as TsMorph.VariableDeclarationKind.Const,
} as const;

let loaded: typeof TsMorph | undefined;

/**
 * ts-morph's run-time values, loaded on first use through `require` with a V8 code cache
 * (`code-cache.ts`): an ESM `import` of this CommonJS package would first scan its 700 kB
 * entry file for export names, then compile 12 MB of JavaScript on every run.
 */
export function tsMorph(): typeof TsMorph {
  return (loaded ??= timed("load-ts-morph", () => requireWithCodeCache<typeof TsMorph>(import.meta.url, "ts-morph")));
}
