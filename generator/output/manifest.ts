/**
 * The manifest docs2ts keeps in every output folder: the files it wrote there, the only ones it
 * ever replaces or removes (`write.ts`), and the ones the doc listing leaves out when an output
 * folder sits inside the input folder (`markdown/files.ts`).
 */
export const MANIFEST = ".docs2ts-manifest.json";

export interface Manifest {
  generator: "docs2ts";
  files: string[];
}

/** The files a manifest's text lists, or `undefined` when the text is not a docs2ts manifest. */
export function manifestFiles(text: string): string[] | undefined {
  let data: Partial<Manifest>;
  try {
    data = JSON.parse(text) as Partial<Manifest>;
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== "object" || data.generator !== "docs2ts" || !Array.isArray(data.files)) return undefined;
  return data.files.filter((f): f is string => typeof f === "string");
}
