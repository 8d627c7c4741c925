import type * as TsMorph from "ts-morph";
import { requireWithCodeCache } from "../code-cache.js";
import { timed } from "../timings.js";

/**
 * ts-morph's run-time values, loaded once through `require` with a V8 code cache
 * (`code-cache.ts`): an ESM `import` of this CommonJS package would first scan its 700 kB
 * entry file for export names, then compile 12 MB of JavaScript on every run. The emitters
 * import these, and `import type` ts-morph's types.
 */
const tsMorph = timed("load-ts-morph", () => requireWithCodeCache<typeof TsMorph>(import.meta.url, "ts-morph"));

export const { printStructure, StructureKind, VariableDeclarationKind } = tsMorph;
