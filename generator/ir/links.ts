/**
 * Cross-file link resolution. Links are followed, never derived from type names: a ref's
 * target is the doc the link points at. When that doc does not exist (some generator versions
 * link into folders that were renamed), the doc of the same file name is used if there is
 * exactly one, with a warning.
 */
export interface LinkResolution {
  target?: string;
  /** Set when the target was found by a fallback rule. */
  note?: string;
}

export type LinkResolver = (target: string) => LinkResolution;

export function linkResolver(sources: readonly string[]): LinkResolver {
  const exact = new Set(sources);
  const folded = new Map<string, string[]>();
  const byBase = new Map<string, string[]>();
  for (const s of sources) {
    const lower = s.toLowerCase();
    folded.set(lower, [...(folded.get(lower) ?? []), s]);
    const base = lower.slice(lower.lastIndexOf("/") + 1);
    byBase.set(base, [...(byBase.get(base) ?? []), s]);
  }
  return (target) => {
    if (exact.has(target)) return { target };
    const lower = target.toLowerCase();
    const caseMatch = folded.get(lower);
    if (caseMatch?.length === 1) return { target: caseMatch[0]!, note: `the link's case differs from ${caseMatch[0]}` };
    const base = byBase.get(lower.slice(lower.lastIndexOf("/") + 1));
    if (base?.length === 1) return { target: base[0]!, note: `no doc at ${target}; following the link to ${base[0]}, the only doc of that name` };
    return {};
  };
}
