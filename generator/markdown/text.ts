import type { Nodes, PhrasingContent } from "mdast";

/** `<br>`, `<br/>`, `<br />` (any case) as inline HTML. */
export function isLineBreakHtml(value: string): boolean {
  return /^<br\s*\/?>$/i.test(value.trim());
}

/**
 * Plain text of inline nodes: emphasis and links dropped to their text, inline code to its
 * value, `<br/>` to a newline. Used for Field, Required, Value and Example cells.
 */
export function plainText(nodes: readonly Nodes[]): string {
  let out = "";
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "inlineCode":
        out += node.value;
        break;
      case "html":
        out += isLineBreakHtml(node.value) ? "\n" : node.value;
        break;
      case "break":
        out += "\n";
        break;
      default:
        if ("children" in node) out += plainText(node.children as Nodes[]);
    }
  }
  return out;
}

/**
 * Markdown-ish text for descriptions: keeps inline code in backticks and links as
 * `[text](url)`, so that JSDoc and READMEs still show them; `<br/>` becomes a newline.
 */
export function richText(nodes: readonly Nodes[]): string {
  let out = "";
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out += node.value;
        break;
      case "inlineCode":
        out += "`" + node.value + "`";
        break;
      case "html":
        out += isLineBreakHtml(node.value) ? "\n" : node.value;
        break;
      case "break":
        out += "\n";
        break;
      case "link": {
        const text = richText(node.children);
        out += text === node.url ? text : `[${text}](${node.url})`;
        break;
      }
      case "emphasis":
        out += "*" + richText(node.children) + "*";
        break;
      case "strong":
        out += "**" + richText(node.children) + "**";
        break;
      case "delete":
        out += "~~" + richText(node.children) + "~~";
        break;
      case "paragraph":
      case "heading":
        out += richText(node.children) + "\n\n";
        break;
      case "list":
        for (const item of node.children) out += "- " + richText(item.children).trim() + "\n";
        out += "\n";
        break;
      case "code":
        out += "```" + (node.lang ?? "") + "\n" + node.value + "\n```\n\n";
        break;
      default:
        if ("children" in node) out += richText(node.children as Nodes[]);
        else if ("value" in node) out += String(node.value);
    }
  }
  return out;
}

/** Collapse runs of blank lines and trim; `undefined` for nothing or `N/A`. */
export function cleanDescription(text: string): string | undefined {
  if (!text.includes("\n")) {
    // One line (most cells): trimming is all the rest would do (`\s` is what `trim` removes).
    const line = text.trim();
    return line === "" || line === "N/A" ? undefined : line;
  }
  const lines = text.split("\n").map((l) => l.replace(/\s+$/, ""));
  const out = lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return out === "" || out === "N/A" ? undefined : out;
}

export type { PhrasingContent };
