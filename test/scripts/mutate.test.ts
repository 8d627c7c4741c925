import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempTree } from "../helpers/cli.js";
import { repoRoot } from "../helpers/shared.js";

// scripts/mutate.mjs (README, "Tests") on a small module of its own, with plain node scripts as
// the "tests" (`--runner node`): what it reports, that the module is left as it was, and that a
// hung or interrupted run stops every process it started.

const SCRIPT = join(repoRoot, "scripts/mutate.mjs");
const LIB = `export function inRange(n) {
  return n >= 0 && n < 10;
}
export const NAMES = ["a", "b", "c"];
`;
const tree = () =>
  tempTree({
    "lib.mjs": LIB,
    // pins every boundary and the list: any change of the module fails it
    "strict.mjs": `import { inRange, NAMES } from "./lib.mjs";
const ok = inRange(0) && inRange(9) && !inRange(10) && !inRange(-1) && NAMES.join() === "a,b,c";
process.exit(ok ? 0 : 1);
`,
    // looks at one value in the middle: most changes go unnoticed
    "loose.mjs": `import { inRange } from "./lib.mjs";
process.exit(inRange(5) === true ? 0 : 1);
`,
    // a test run that never ends, after saying who it is
    "hang.mjs": `import { writeFileSync } from "node:fs";
writeFileSync("hang.pid", String(process.pid));
setInterval(() => {}, 1000);
`,
  });
const mutate = (dir: string, args: string[]) => spawnSync(process.execPath, [SCRIPT, "lib.mjs", ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Whether the process is gone within 5 s (a killed process is reaped by init a moment later). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

describe("scripts/mutate.mjs", () => {
  it("lists the changes a test does not notice, none for a test that pins everything, and restores the module", () => {
    const dir = tree();
    const strict = mutate(dir, ["--count", "50", "--runner", "node", "--", "strict.mjs"]);
    expect(strict.status, strict.stderr).toBe(0);
    const tried = strict.stdout.split("\n").filter((l) => /^(caught|SURVIVED|timeout)/.test(l));
    expect(tried.length).toBe(6); // the module's every candidate: 4 operators on line 2, 2 list entries on line 4
    expect(tried.every((l) => l.startsWith("caught"))).toBe(true);
    expect(strict.stdout).toContain(`0 of ${tried.length} changes survived`);
    expect(readFileSync(join(dir, "lib.mjs"), "utf8")).toBe(LIB);

    const loose = mutate(dir, ["--count", "50", "--runner", "node", "--", "loose.mjs"]);
    expect(loose.status, loose.stderr).toBe(0);
    expect(loose.stdout).toContain("SURVIVED lib.mjs:4:");
    expect(loose.stdout).toMatch(/^[1-9][0-9]* of [0-9]+ changes survived$/m);
    expect(readFileSync(join(dir, "lib.mjs"), "utf8")).toBe(LIB);
  });

  it("the seed picks the changes, the same ones for the same seed", () => {
    const dir = tree();
    const run = (seed: string) => mutate(dir, ["--count", "3", "--seed", seed, "--runner", "node", "--", "strict.mjs"]).stdout;
    expect(run("1")).toBe(run("1"));
    expect(run("1")).not.toBe(run("2"));
  });

  it("a test run that hangs is stopped with its processes after --timeout and counts as caught", async () => {
    const dir = tree();
    const run = mutate(dir, ["--count", "1", "--timeout", "1", "--runner", "node", "--", "hang.mjs"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^timeout {2}lib\.mjs:/m);
    expect(run.stdout).toContain("0 of 1 changes survived");
    expect(await gone(Number(readFileSync(join(dir, "hang.pid"), "utf8")))).toBe(true);
    expect(readFileSync(join(dir, "lib.mjs"), "utf8")).toBe(LIB);
  });

  it("killed while a test runs, it restores the module and stops the test run", async () => {
    const dir = tree();
    const child = spawn(process.execPath, [SCRIPT, "lib.mjs", "--count", "1", "--runner", "node", "--", "hang.mjs"], { cwd: dir, stdio: "ignore" });
    const pidFile = join(dir, "hang.pid");
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(join(dir, "lib.mjs"), "utf8")).not.toBe(LIB); // a change is in place
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(128 + 15);
    expect(readFileSync(join(dir, "lib.mjs"), "utf8")).toBe(LIB);
    expect(await gone(Number(readFileSync(pidFile, "utf8")))).toBe(true);
  });

  it("a bad option is a usage error", () => {
    const dir = tree();
    for (const args of [["--count", "0", "--", "strict.mjs"], ["--timeout", "soon", "--", "strict.mjs"], ["--count", "3"]]) {
      const run = mutate(dir, args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^usage: node scripts\/mutate\.mjs FILE/);
    }
  });
});
