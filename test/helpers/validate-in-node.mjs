// Runs in a plain Node process (see validate-child.ts): imports the transpiled generated index.js
// and runs `validate<Model>` on each check, printing one result per check as JSON on stdout.
//   node validate-in-node.mjs <dir holding index.js> <checks.json>
// checks.json: [{ "model": "Name", "value": <JSON> }, …] -> [[issue, …], …] (empty = accepted)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, checksPath] = process.argv.slice(2);
const mod = await import(pathToFileURL(join(dir, "index.js")).href);
const checks = JSON.parse(readFileSync(checksPath, "utf8"));
const results = checks.map(({ model, value }) => {
  const validate = mod[`validate${model}`];
  if (typeof validate !== "function") return [{ path: "", message: `no validate${model} in the generated module` }];
  const r = validate(value);
  return r.ok ? [] : r.errors.map(({ path, message }) => ({ path, message }));
});
process.stdout.write(JSON.stringify(results));
