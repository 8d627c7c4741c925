import { describe, expect, it } from "vitest";
import { loadIR } from "../../generator/api.js";
import { DEFAULT_OPTIONS, type EmitOptions } from "../../generator/emit/context.js";
import { joinBlocks, moduleBlocks, printBlocks, printBlocksWithTsMorph } from "../../generator/emit/module.js";
import { printBlock, printStatements } from "../../generator/emit/print.js";
import { StructureKind, tsMorph, VariableDeclarationKind } from "../../generator/emit/ts-morph.js";
import { corpusPath, repoRoot } from "../helpers/shared.js";
import { join } from "node:path";

/**
 * print.ts stands in for ts-morph's printStructure on the shapes the emitters build: wherever
 * it prints a block, the text must be ts-morph's, byte for byte (the output may not change with
 * the printer), and it must print nearly every file, or the run still loads ts-morph.
 */
describe("print.ts prints what ts-morph prints", () => {
  it("uses ts-morph's own StructureKind and VariableDeclarationKind values", () => {
    const real = tsMorph();
    for (const [name, value] of Object.entries(StructureKind)) expect(value, name).toBe(real.StructureKind[name as keyof typeof StructureKind]);
    expect(VariableDeclarationKind.Const).toBe(real.VariableDeclarationKind.Const);
  });

  const options: [string, EmitOptions][] = [
    ["defaults", DEFAULT_OPTIONS],
    ["open enums, types only", { ...DEFAULT_OPTIONS, enums: "open", emit: { ...DEFAULT_OPTIONS.emit, validators: false } }],
    ["strict unknown keys", { ...DEFAULT_OPTIONS, unknownKeys: "reject" } as EmitOptions],
  ];
  const inputs: [string, string][] = [
    ["specs", join(repoRoot, "specs")],
    ...["clerk-ruby-sorbet", "clerk-ruby-crystalline", "clerk-python", "clerk-java", "clerk-csharp", "clerk-php"].map((n): [string, string] => [n, corpusPath(n)]),
  ];
  for (const [name, input] of inputs) {
    it(`on every model file of ${name}`, () => {
      const { ir } = loadIR(input);
      expect(ir.models.length).toBeGreaterThan(10);
      const models = new Map(ir.models.map((m) => [m.source, m] as const));
      let printed = 0;
      let files = 0;
      for (const [label, o] of options) {
        for (const model of ir.models) {
          const blocks = moduleBlocks(model, models, o);
          const reference = joinBlocks(printBlocksWithTsMorph(blocks));
          const ours = blocks.map(printBlock);
          files++;
          // joinBlocks does not trim: every block comes without whitespace at either end.
          for (const text of ours) if (text !== undefined) expect(text.trim(), `${label}: ${model.source}`).toBe(text);
          if (ours.some((t) => t === undefined)) continue;
          printed++;
          expect(joinBlocks(ours as string[]), `${label}: ${model.source}`).toBe(reference);
        }
      }
      console.log(`print.ts: ${name}: ${printed} of ${files} files printed without ts-morph`);
      expect(printed / files).toBeGreaterThan(0.95);
    });
  }

  it("leaves to ts-morph what it does not know, and the file still prints", () => {
    const odd = [
      { kind: StructureKind.Function, name: "f", statements: ["const s = `a", "b`;"] },
      { kind: StructureKind.TypeAlias, name: "T", type: "{\n    a: string;\n}" },
      { kind: StructureKind.Interface, name: "I", extends: ["J"] },
    ] as const;
    for (const structure of odd) {
      const blocks = [[structure as never], "// text"];
      expect(printStatements(blocks[0] as never)).toBeUndefined();
      expect(printBlocks(blocks)).toEqual(printBlocksWithTsMorph(blocks));
    }
    // Several statements in one block: ts-morph puts blank lines between some of them.
    const two = [
      { kind: StructureKind.TypeAlias, name: "A", type: "string" },
      { kind: StructureKind.TypeAlias, name: "B", type: "number" },
    ] as const;
    expect(printStatements(two as never)).toBeUndefined();
    expect(printBlocks([two as never])).toEqual(printBlocksWithTsMorph([two as never]));
  });
});
