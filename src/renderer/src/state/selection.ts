/**
 * The list's selection, as plain data. `cursor` is the paper the detail pane
 * shows and the keyboard moves; `ids` is what bulk actions act on (it always
 * holds the cursor when there is one); `anchor` is where a shift-range starts.
 */
export interface Selection {
  cursor: string | null;
  anchor: string | null;
  ids: ReadonlySet<string>;
}

export const EMPTY_SELECTION: Selection = { cursor: null, anchor: null, ids: new Set() };

export function selectOne(id: string | null): Selection {
  return id ? { cursor: id, anchor: id, ids: new Set([id]) } : EMPTY_SELECTION;
}

/** Ctrl/Cmd-click: add or remove one paper, keeping the rest. */
export function toggleOne(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) {
    ids.delete(id);
    const cursor = selection.cursor === id ? ([...ids].at(-1) ?? null) : selection.cursor;
    return { cursor, anchor: id, ids };
  }
  ids.add(id);
  return { cursor: id, anchor: id, ids };
}

/**
 * Shift-click or shift+j/k: the anchor's range to `id` replaces the selection
 * (the anchor stays, as in every file manager); `rangeIds` are the ids between
 * them in list order.
 */
export function extendTo(selection: Selection, id: string, rangeIds: string[]): Selection {
  const ids = new Set(rangeIds);
  ids.add(id);
  if (selection.anchor) ids.add(selection.anchor);
  return { cursor: id, anchor: selection.anchor ?? id, ids };
}

/** Ctrl/Cmd+A: every paper of the list (`ids`, in list order); the cursor stays if it is one of them. */
export function selectAll(selection: Selection, ids: readonly string[]): Selection {
  if (ids.length === 0) return selection;
  const all = new Set(ids);
  const cursor = selection.cursor && all.has(selection.cursor) ? selection.cursor : ids[0];
  return { cursor, anchor: ids[0], ids: all };
}

/** Papers left the list (triaged, deleted): drop them, keep the cursor if it stays. */
export function withoutIds(selection: Selection, gone: ReadonlySet<string>): Selection {
  if (![...selection.ids].some((id) => gone.has(id)) && !gone.has(selection.cursor ?? '')) {
    return selection;
  }
  const ids = new Set([...selection.ids].filter((id) => !gone.has(id)));
  return {
    cursor: selection.cursor && !gone.has(selection.cursor) ? selection.cursor : null,
    anchor: selection.anchor && !gone.has(selection.anchor) ? selection.anchor : null,
    ids,
  };
}

export function isMulti(selection: Selection): boolean {
  return selection.ids.size > 1;
}

/**
 * The list now shows other papers (a search, a filter, a view change): keys may
 * act only on what it shows. The selection keeps the papers still shown
 * (`isShown`); if the cursor is gone it moves to `firstShown`, or to none.
 */
export function keepShown(
  selection: Selection,
  isShown: (id: string) => boolean,
  firstShown: string | null,
): Selection {
  if (!selection.cursor) return selection.ids.size > 0 ? EMPTY_SELECTION : selection;
  if (!isShown(selection.cursor)) return selectOne(firstShown);
  const ids = [...selection.ids].filter(isShown);
  if (ids.length === selection.ids.size) return selection;
  return {
    cursor: selection.cursor,
    anchor: selection.anchor && isShown(selection.anchor) ? selection.anchor : selection.cursor,
    ids: new Set(ids),
  };
}

/** The papers a key may change: the selection's, when the list shows them (`isShown`). */
export function actionableIds(selection: Selection, isShown: (id: string) => boolean): string[] {
  if (!selection.cursor || !isShown(selection.cursor)) return [];
  return selection.ids.size > 0 ? [...selection.ids] : [selection.cursor];
}
