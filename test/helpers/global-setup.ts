import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One temporary folder per test run, removed at its end: every `mkdtemp` of a test (and of the
 * docs2ts processes the tests start, which inherit TMPDIR) lands in it, so a run leaves nothing
 * behind in the system's temporary folder. Set before the test workers start, which inherit it.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "docs2ts-test-run-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
