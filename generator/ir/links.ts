/**
 * Cross-file link resolution. Links are followed, never derived from type names: a ref's
 * target is the doc the link points at. When that doc does not exist (some generator versions
 * link into folders that were renamed), the doc of the same file name is used if there is
 * exactly one, or, among several, the one the link's text names; with a warning.
 */
import { pushTo } from "../lists.js";

export interface LinkResolution {
  target?: string;
  /** Set when the target was found by a fallback rule. */
  note?: string;
  /** For a fallback: the folder the link named and the folder of the doc used ('' = the root). */
  fallback?: { from: string; to: string };
}

/** `hint`: the doc the link's text names (by name), used to choose among docs of the same file name. */
export type LinkResolver = (target: string, hint?: string) => LinkResolution;

export function linkResolver(sources: readonly string[]): LinkResolver {
  const exact = new Set(sources);
  // The fallbacks' indexes, made at the first link that misses (most trees have none).
  let fallbacks: { folded: Map<string, string[]>; byBase: Map<string, string[]> } | undefined;
  const index = () => {
    if (fallbacks) return fallbacks;
    const folded = new Map<string, string[]>();
    const byBase = new Map<string, string[]>();
    for (const s of sources) {
      const lower = s.toLowerCase();
      pushTo(folded, lower, s);
      pushTo(byBase, lower.slice(lower.lastIndexOf("/") + 1), s);
    }
    return (fallbacks = { folded, byBase });
  };
  return (target, hint) => {
    if (exact.has(target)) return { target };
    const { folded, byBase } = index();
    const lower = target.toLowerCase();
    const caseMatch = folded.get(lower);
    if (caseMatch?.length === 1) {
      return { target: caseMatch[0]!, note: `the link's case differs from ${caseMatch[0]}`, fallback: { from: folderOf(target), to: folderOf(caseMatch[0]!) } };
    }
    const base = byBase.get(lower.slice(lower.lastIndexOf("/") + 1));
    if (base?.length === 1) {
      return {
        target: base[0]!,
        note: `no doc at ${target}; following the link to ${base[0]}, the only doc of that name`,
        fallback: { from: folderOf(target), to: folderOf(base[0]!) },
      };
    }
    if (hint !== undefined && base?.includes(hint)) {
      return {
        target: hint,
        note: `no doc at ${target}; following the link to ${hint}, the doc of that name that the link's text names`,
        fallback: { from: folderOf(target), to: folderOf(hint) },
      };
    }
    return {};
  };
}

function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf("/")));
}

/**
 * Models named without a link (some dialects write union members that way): the doc whose
 * heading is that name (the last `.`/`::`/`\\` segment of a qualified name), else whose file
 * name is; a name shared by several docs resolves to the one in the folder its namespace names
 * (`Models::Components::X`, `Components\\X` -> a `components/` folder), else in the asking doc's
 * folder, if any.
 */
export function nameResolver(docs: readonly { path: string; title?: string }[]): (name: string, fromDoc: string) => string | undefined {
  // By heading, then by file name: the docs of a name, and the same split by their folder's last
  // segment (for a namespace) and by their folder (for the asking doc's), so that a lookup costs
  // the same however many docs share the name (a tree of 10,000 docs has hundreds of `user.md`).
  // Made at the first name asked: the dialects that link every type never ask one.
  let indexes: readonly [NameIndex, NameIndex] | undefined;
  const index = () => {
    if (indexes) return indexes;
    const made = [new NameIndex(), new NameIndex()] as const;
    for (const d of docs) {
      if (d.title) made[0].add(d.title.replace(/^~~(.*)~~$/, "$1").trim().toLowerCase(), d.path);
      made[1].add(d.path.slice(d.path.lastIndexOf("/") + 1).replace(/\.md$/i, "").toLowerCase(), d.path);
    }
    return (indexes = made);
  };
  return (name, fromDoc) => {
    const parts = name.split(/\.|::|\\/).filter(Boolean);
    const bare = parts.pop()?.toLowerCase();
    if (!bare) return undefined;
    // A qualified name's last namespace names its folder (`Models::Components::X` -> `components/`).
    const namespace = parts.pop()?.toLowerCase();
    for (const byName of index()) {
      const hits = byName.all.get(bare);
      if (!hits) continue;
      if (hits.length === 1) return hits[0];
      const { inNamespace, inFolder } = byName.shared();
      const named = namespace !== undefined ? inNamespace.get(`${bare}\0${namespace}`) : undefined;
      if (named?.length === 1) return named[0];
      const near = inFolder.get(`${bare}\0${folderOf(fromDoc)}`);
      if (near?.length === 1) return near[0];
      return undefined;
    }
    return undefined;
  };
}

/**
 * Docs by a name: all of them; and, for the names several docs share, by name and their folder's
 * last segment (lower case) and by name and their folder (made at the first shared name asked).
 */
class NameIndex {
  readonly all = new Map<string, string[]>();
  private split?: { inNamespace: Map<string, string[]>; inFolder: Map<string, string[]> };

  add(key: string, path: string): void {
    pushTo(this.all, key, path);
  }

  shared(): NonNullable<NameIndex["split"]> {
    if (this.split) return this.split;
    const inNamespace = new Map<string, string[]>();
    const inFolder = new Map<string, string[]>();
    for (const [key, paths] of this.all) {
      if (paths.length < 2) continue;
      for (const path of paths) {
        const folder = folderOf(path);
        pushTo(inNamespace, `${key}\0${folder.slice(folder.lastIndexOf("/") + 1).toLowerCase()}`, path);
        pushTo(inFolder, `${key}\0${folder}`, path);
      }
    }
    return (this.split = { inNamespace, inFolder });
  }
}
