// The CLI as users run it: dist/ (compiled by tsc) bundled into one module plus one chunk per
// lazily imported stage (markdown parser, emitter, watch…), so that a run resolves and compiles
// a handful of files instead of ~70 ES modules. CommonJS, so that bin/docs2ts.js can load it
// with a V8 code cache (generator/code-cache.ts; Node 20 caches no compiled ES modules):
// rolldown turns `import()` of a chunk into a `require` and `import.meta.url` into the chunk's
// file URL. code-cache.ts is an entry of its own, which the bin requires first, and so is
// v8-budget.ts, which it requires next (both set V8 flags before the CLI loads). CommonJS
// packages loaded with `require` (ts-morph, handlebars' compiler) stay outside. Same depth as
// dist/<stage>/ so paths relative to import.meta.url (templates, runtime, package.json) resolve
// the same.
//
// Second bundle: our precompiled templates with handlebars' runtime (scripts/precompile-templates.mjs),
// one CommonJS file that generator/emit/templates.ts requires when it first renders one of them.
export default [
  {
    input: { cli: "dist/cli.js", worker: "dist/parallel/worker.js", "code-cache": "dist/code-cache.js", "v8-budget": "dist/v8-budget.js" },
    platform: "node",
    logLevel: "warn",
    output: {
      dir: "dist/bundle",
      format: "cjs",
      entryFileNames: "[name].cjs",
      chunkFileNames: "[name].cjs",
    },
  },
  {
    input: "dist/templates-source.cjs",
    platform: "node",
    logLevel: "warn",
    output: { file: "dist/templates.cjs", format: "cjs" },
  },
];
