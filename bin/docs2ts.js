#!/usr/bin/env node
// The docs2ts command. The TypeScript sources in generator/ are compiled to dist/ and bundled
// into dist/bundle/ by `npm run build` (run by `npm ci` / `npm install` through the prepare script).
let cli;
try {
  cli = await import("../dist/bundle/cli.js");
} catch (e) {
  if (e && e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist")) {
    process.stderr.write("docs2ts: error: dist/ is missing; run 'npm run build' first\n");
    process.exit(2);
  }
  throw e;
}
process.exitCode = await cli.main(process.argv.slice(2));
