import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** docs2ts's package.json: the nearest one above this module (generator/, dist/ or dist/bundle/). */
export const PACKAGE_JSON: string = (() => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "package.json");
    if (dirname(dir) === dir) throw new Error("internal: docs2ts's package.json is missing");
  }
})();

/** docs2ts's version, from its package.json. */
export const VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version: string }).version;
