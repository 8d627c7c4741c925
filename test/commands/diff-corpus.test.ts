import { describe, expect, it } from "vitest";
import type { DiffReport, ModelDiff } from "../../generator/ir/diff.js";
import { docs2ts } from "../helpers/cli.js";
import { corpusPath } from "../helpers/shared.js";

/**
 * `docs2ts diff` on two real versions of one API: Clerk's Ruby SDK docs in the Sorbet style
 * and, a year later, in the Crystalline style (a different dialect, and `models/shared/` became
 * `models/components/`). Needs the ruby-crystalline dialect. The facts below were read from the
 * two corpora's tables by hand (and by a throwaway script), not from docs2ts.
 */
const sorbet = corpusPath("clerk-ruby-sorbet");
const crystalline = corpusPath("clerk-ruby-crystalline");

describe("docs2ts diff clerk-ruby-sorbet clerk-ruby-crystalline", () => {
  const run = docs2ts(["diff", sorbet, crystalline, "--json"]);
  const report = JSON.parse(run.stdout || "{}") as DiffReport & { old: string; new: string };
  const model = (name: string): ModelDiff => {
    const m = report.models.find((x) => x.name === name);
    if (!m) throw new Error(`no entry for ${name}`);
    return m;
  };

  it("reads both trees without errors and exits 0 (no --fail-on)", () => {
    expect(run.stderr).not.toMatch(/: error: /);
    expect(run.code).toBe(0);
  });

  it("the report is consistent: counts, statuses, breaking flags", () => {
    const { summary, models } = report;
    expect(summary.added).toBe(models.filter((m) => m.status === "added").length);
    expect(summary.removed).toBe(models.filter((m) => m.status === "removed").length);
    expect(summary.changed).toBe(models.filter((m) => m.status === "changed").length);
    expect(summary.breakingChanges).toBe(models.reduce((n, m) => n + m.changes.filter((c) => c.breaking).length, 0));
    for (const m of models) {
      expect(m.changes.length, m.name).toBeGreaterThan(0);
      expect(m.breaking, m.name).toBe(m.changes.some((c) => c.breaking));
      expect(["input", "output", "both"]).toContain(m.direction);
      if (m.status === "added") expect(m.changes.map((c) => c.kind)).toEqual(["model-added"]);
      if (m.status === "removed") expect(m.changes.map((c) => c.kind)).toEqual(["model-removed"]);
    }
    // The newer SDK documents far more of the API (1,103 docs against 414).
    expect(summary.added).toBeGreaterThan(500);
    expect(summary.changed + summary.unchanged).toBeGreaterThan(250);
  });

  it("a model added: AgentTask", () => {
    expect(model("AgentTask")).toMatchObject({ status: "added", new: "models/components/agenttask.md", breaking: false });
  });

  it("a model removed: AddDomainRequestBody (the newer SDK names it AddDomainRequest)", () => {
    expect(model("AddDomainRequestBody")).toMatchObject({ status: "removed", old: "models/operations/adddomainrequestbody.md", direction: "input", breaking: true });
  });

  it("models/shared/ -> models/components/ is the same model; OrganizationDomain.id became required", () => {
    const m = model("OrganizationDomain");
    expect(m).toMatchObject({ status: "changed", old: "models/shared/organizationdomain.md", new: "models/components/organizationdomain.md" });
    expect(m.changes).toContainEqual(expect.objectContaining({ kind: "required-changed", field: "id", from: "optional", to: "required" }));
    expect(m.changes).toContainEqual(expect.objectContaining({ kind: "field-added", field: "ownership_verification" }));
  });

  it("a field removed (breaking): ClerkError.clerk_trace_id", () => {
    expect(model("ClerkError").changes).toContainEqual(expect.objectContaining({ kind: "field-removed", field: "clerk_trace_id", breaking: true }));
  });

  it("an optional field added (not breaking): OrganizationWithLogo.role_set_key", () => {
    expect(model("OrganizationWithLogo").changes).toContainEqual(expect.objectContaining({ kind: "field-added", field: "role_set_key", breaking: false }));
  });

  it("enum values added and removed: Type gains 'initial', loses 'oauth_google'", () => {
    const changes = model("Type").changes;
    expect(changes).toContainEqual(expect.objectContaining({ kind: "enum-value-added", value: "initial" }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: "enum-value-removed", value: "oauth_google", breaking: true }));
  });

  it("--fail-on breaking exits 1 on this pair", () => {
    expect(docs2ts(["diff", sorbet, crystalline, "--fail-on", "breaking"]).code).toBe(1);
  });
});

describe("docs2ts diff on one real tree against itself", () => {
  it("finds nothing", () => {
    const r = docs2ts(["diff", sorbet, sorbet, "--fail-on", "breaking"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No changes\.\n0 models added, 0 removed, 0 changed, 414 unchanged; 0 breaking changes in 0 models\n$/);
  });
});
