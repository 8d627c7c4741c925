/**
 * Add `value` to the list under `key`, making the list on first use. In place: building lists by
 * copying (`[...(map.get(key) ?? []), value]`) costs time that grows with the square of the
 * list, which a model of 50,000 fields or a tree of thousands of docs sharing a name reach.
 */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Append every item to `target`, in place. `target.push(...items)` passes each item as an
 * argument, and a list of ~100,000 (the statements of a model with tens of thousands of fields,
 * a doc's diagnostics) overflows the stack.
 */
export function append<T>(target: T[], items: readonly T[]): void {
  // `push` with the items spread as arguments, in chunks small enough for the stack: in V8's
  // lower tiers, where most of a run's emitter code stays, it copies an array of lines about 4x
  // faster than a loop of single pushes (or a `for…of`, which also allocates a result per item).
  if (items.length <= APPEND_CHUNK) target.push(...items);
  else for (let i = 0; i < items.length; i += APPEND_CHUNK) target.push(...items.slice(i, i + APPEND_CHUNK));
}

/** Items `append` passes to one `push` (far below the ~100,000 arguments that overflow the stack). */
const APPEND_CHUNK = 8192;
