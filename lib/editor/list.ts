// Immutable array helpers shared by every transition: each returns a new array and never mutates.

/** Inserts `item` before `index` (clamped to the array). */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const at = Math.max(0, Math.min(index, list.length));
  return [...list.slice(0, at), item, ...list.slice(at)];
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  if (index < 0 || index >= list.length) return [...list];
  return [...list.slice(0, index), ...list.slice(index + 1)];
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  if (index < 0 || index >= list.length) return [...list];
  const next = [...list];
  next[index] = item;
  return next;
}

/** Moves the item at `from` so that it ends up at index `to` (dnd-kit's arrayMove semantics). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/** Inserts a structural copy of the item at `index` right after it. */
export function duplicateAt<T>(list: readonly T[], index: number): T[] {
  const item = list[index];
  if (item === undefined) return [...list];
  return insertAt(list, index + 1, structuredClone(item));
}
