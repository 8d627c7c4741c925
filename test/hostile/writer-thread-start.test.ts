import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { generate } from "../../generator/api.js";
import { OutputWriter, THREAD_FROM, writeOutput } from "../../generator/output/write.js";
import { tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

/**
 * When the writer's helper thread starts (output/write.ts, `expectDocs`): a run that parses
 * enough docs starts it before its first file, so that Node boots it while the docs are parsed.
 * The thread's class is wrapped to count its starts and its ends; it writes as it does unwrapped.
 */
const events: string[] = [];
vi.mock("../../generator/output/thread.js", async (original) => {
  const real = await original<typeof import("../../generator/output/thread.js")>();
  class Counted extends real.WriterThread {
    constructor() {
      super();
      events.push("start");
    }
    override end() {
      events.push("end");
      return super.end();
    }
  }
  return { ...real, WriterThread: Counted };
});

const specs = generate(join(repoRoot, "specs")).files;
const many = Array.from({ length: 40 }, (_, i) => ({ path: `c${i}/${specs[i % specs.length]!.path}`, content: specs[i % specs.length]!.content }));

describe("the writer's thread, started as the docs are parsed (expectDocs)", () => {
  it(`starts before the first file when ${THREAD_FROM} docs or more are to be parsed, and writes every file`, () => {
    for (const [docs, started] of [[THREAD_FROM, true], [THREAD_FROM - 1, false], [0, false]] as const) {
      events.length = 0;
      const parent = tempTree({});
      const out = join(parent, "out");
      const writer = new OutputWriter(out);
      writer.expectDocs(docs);
      expect(events, `after expectDocs(${docs})`).toEqual(started ? ["start"] : []);
      expect(readdirSync(parent), "nothing touched before the first file").toEqual([]);
      for (const f of many) writer.add(f);
      writer.finish(many);
      expect(events, `after the run (${docs})`).toEqual(started ? ["start", "end"] : []);
      for (const f of many) expect(existsSync(join(out, f.path)), f.path).toBe(true);
    }
  });

  it("is never started for a writer that keeps every write here (DOCS2TS_WRITE_THREAD=0)", () => {
    events.length = 0;
    const writer = new OutputWriter(join(tempTree({}), "out"), Infinity);
    writer.expectDocs(10 * THREAD_FROM);
    writer.abort();
    expect(events).toEqual([]);
  });

  it("a run that then writes nothing (it failed, or every file is unchanged) ends it and leaves the folder as it was", () => {
    const parent = tempTree({});
    const writer = new OutputWriter(join(parent, "out"));
    writer.expectDocs(THREAD_FROM);
    writer.abort();
    expect(readdirSync(parent)).toEqual([]);
    // An existing folder whose files are all unchanged: the thread gets none.
    const out = join(tempTree({}), "out");
    writeOutput(out, many);
    events.length = 0;
    const again = new OutputWriter(out);
    again.expectDocs(THREAD_FROM);
    for (const f of many) again.add(f);
    const plan = again.finish(many);
    expect(plan.changed).toEqual([]);
    expect(plan.unchanged).toHaveLength(many.length);
    expect(events).toEqual(["start", "end"]);
  });
});
