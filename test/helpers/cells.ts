import { flattenCell, type FlatCell } from "../../generator/dialects/cell.js";
import { parseDoc } from "../../generator/markdown/parse.js";

/**
 * A Type cell as the dialects see it: the markdown `cell` is put in a real Fields table of a
 * doc at `docPath` and read back through the markdown stage, so escapes, emphasis and links
 * arrive as remark produces them.
 */
export function typeCell(cell: string, docPath = "models/shared/example.md"): FlatCell {
  const text = `# Example\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| \`f\` | ${cell} | :heavy_check_mark: | N/A |\n`;
  const doc = parseDoc(text, docPath);
  const row = doc.sections[0]?.tables[0]?.rows[0];
  if (!row) throw new Error(`no table row for ${cell}`);
  return flattenCell(row[1]!.nodes, row[1]!, docPath);
}

/** A TypeContext for cells that name no model without a link. */
export const noNames = { doc: "models/shared/example.md", byName: () => undefined };

/** A `### ` union member heading as the dialects see it: read back through the markdown stage. */
export function headingCell(heading: string, docPath = "models/shared/example.md"): FlatCell {
  const doc = parseDoc(`# Example\n\n## Supported Types\n\n### ${heading}\n`, docPath);
  const sub = doc.sections[0]?.subsections[0];
  if (!sub) throw new Error(`no heading for ${heading}`);
  return flattenCell(sub.titleNodes, sub, docPath);
}
