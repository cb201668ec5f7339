import { createContext, useContext } from 'react';
import type { PaperSummary, ReadingStatus, Tag, View } from '../../../shared/domain';
import type { LibraryApi, SavedSearch, Settings, StatusBefore } from '../../../shared/api';
import { STATUS_LABELS } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { confirmations } from '../ui/confirm';
import { toasts } from '../ui/toasts';
import type { Stores } from './stores';
import type { Change } from './undo-store';

/** A bulk change of more papers than this asks first, naming the count. */
export const BULK_CONFIRM_OVER = 100;

/** What a status change did, as the toast (and the screen reader) says it. */
const STATUS_DONE: Record<ReadingStatus, string> = {
  inbox: 'Moved to Inbox',
  toread: 'Moved to To read',
  reading: 'Moved to Reading',
  read: 'Marked as Read',
  archived: 'Archived',
};

/** The same, as the question before a bulk change: "Archive 1,234 papers?" */
function statusQuestion(status: ReadingStatus, papers: string): string {
  if (status === 'archived') return `Archive ${papers}`;
  if (status === 'read') return `Mark ${papers} as Read`;
  return `Move ${papers} to ${STATUS_LABELS[status]}`;
}

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const withTag = (tag: string) => (p: PaperSummary) =>
  p.tags.some((t) => sameTag(t, tag))
    ? p
    : { ...p, tags: [...p.tags, tag].sort((a, b) => a.localeCompare(b)) };

const withoutTag = (tag: string) => (p: PaperSummary) => ({
  ...p,
  tags: p.tags.filter((t) => !sameTag(t, tag)),
});

/**
 * The renderer's one write path: every change a component or a key makes to
 * the library goes through here. The reader's own changes to papers and tags
 * update the list at once (optimistic), ask the service, and are recorded for
 * undo (a toast says what happened, with its Undo); a failure is reported as a
 * readable message and leaves nothing to undo (the list re-reads the truth
 * either way). A bulk change of more than {@link BULK_CONFIRM_OVER} papers asks
 * first. Nothing here refreshes a store after a call that emits: the service emits an
 * event for every write (library-changed, settings-changed, sync-status…) and
 * `connectEvents` (stores.ts) brings the stores up to date from it, whichever
 * window or door made the change.
 */
export function createActions(stores: Stores) {
  const { api } = stores.backend;
  const { list } = stores;

  /** Run a change and record it for undo; resolves true once the service has it. */
  function perform(failure: string, run: () => Promise<Change>): Promise<boolean> {
    const settled = run().then(
      (change): Change | null => change,
      (error: unknown) => {
        toasts.error(`${failure}: ${errorMessage(error)}`);
        return null;
      },
    );
    return stores.undo.record(settled);
  }

  /**
   * Ask first when the change is big. `onApplied` runs right after the change
   * is applied to the list (synchronously, when there was nothing to ask), so
   * the caller can move the cursor past papers that left the view.
   */
  function afterAsking(
    count: number,
    question: string,
    apply: () => Promise<boolean>,
    onApplied?: () => void,
  ): Promise<boolean> {
    const go = () => {
      const done = apply();
      onApplied?.();
      return done;
    };
    if (count <= BULK_CONFIRM_OVER) return go();
    return confirmations
      .ask({
        title: `${question}?`,
        message: `This changes ${plural(count, 'paper')}. You can undo it afterwards (Ctrl+Z or U).`,
        confirmLabel: question,
      })
      .then((confirmed) => (confirmed ? go() : false));
  }

  /** Apply `change` to the loaded rows now, run `call` against the service, and return its answer. */
  async function write<T>(
    ids: string[],
    change: (paper: PaperSummary) => PaperSummary,
    call: () => Promise<T>,
  ): Promise<T> {
    const box: { value?: T } = {};
    await list.mutate(ids, change, async () => {
      box.value = await call();
    });
    return box.value as T;
  }

  async function statusChange(ids: string[], status: ReadingStatus): Promise<Change> {
    const label = `${STATUS_DONE[status]} · ${plural(ids.length, 'paper')}`;
    const { previous } = await write(
      ids,
      (p) => ({ ...p, status }),
      () => api.setStatus({ ids, status }),
    );
    return {
      label,
      revert: async () => {
        await restoreStatus(previous);
        return { label, revert: () => statusChange(ids, status) };
      },
    };
  }

  async function restoreStatus(previous: StatusBefore[]): Promise<void> {
    if (previous.length === 0) return;
    const before = new Map(previous.map((p) => [p.id, p.status]));
    await write(
      previous.map((p) => p.id),
      (p) => ({ ...p, status: before.get(p.id) ?? p.status }),
      () => api.restoreStatus({ papers: previous }),
    );
  }

  async function starChange(ids: string[], starred: boolean): Promise<Change> {
    const label = `${starred ? 'Starred' : 'Unstarred'} · ${plural(ids.length, 'paper')}`;
    const { changedIds } = await write(
      ids,
      (p) => ({ ...p, starred }),
      () => api.setStarred({ ids, starred }),
    );
    return {
      label,
      revert: async () => {
        if (changedIds.length > 0) {
          await write(
            changedIds,
            (p) => ({ ...p, starred: !starred }),
            () => api.setStarred({ ids: changedIds, starred: !starred }),
          );
        }
        return { label, revert: () => starChange(ids, starred) };
      },
    };
  }

  async function tagChange(ids: string[], tag: string): Promise<Change> {
    const label = `Tagged “${tag}” · ${plural(ids.length, 'paper')}`;
    const result = await write(ids, withTag(tag), () => api.tagPapers({ ids, tag }));
    return {
      label,
      revert: async () => {
        const { linkedIds, createdTag } = result;
        const name = result.tag.name;
        if (linkedIds.length > 0) {
          await write(linkedIds, withoutTag(name), () =>
            api.untagPapers({ ids: linkedIds, tag: name }),
          );
        }
        // A tag this change created goes too, unless something else uses it by now.
        if (createdTag) {
          const now = (await api.listTags({})).find((t) => t.id === result.tag.id);
          if (now && now.count === 0) await api.deleteTag({ id: now.id });
        }
        return { label, revert: () => tagChange(ids, tag) };
      },
    };
  }

  async function untagChange(ids: string[], tag: string): Promise<Change> {
    const label = `Removed tag “${tag}” · ${plural(ids.length, 'paper')}`;
    const { unlinkedIds } = await write(ids, withoutTag(tag), () => api.untagPapers({ ids, tag }));
    return {
      label,
      revert: async () => {
        if (unlinkedIds.length > 0) {
          await write(unlinkedIds, withTag(tag), () => api.tagPapers({ ids: unlinkedIds, tag }));
        }
        return { label, revert: () => untagChange(ids, tag) };
      },
    };
  }

  async function renameChange(tag: Tag, name: string): Promise<Change> {
    const result = await api.renameTag({ id: tag.id, name });
    const { merged } = result;
    const label = merged
      ? `Merged “${tag.name}” into “${result.name}”`
      : `Renamed “${tag.name}” to “${result.name}”`;
    return {
      label,
      revert: async () => {
        if (merged) {
          const restored = await api.restoreTag({
            name: merged.from.name,
            color: merged.from.color,
            paperIds: merged.paperIds,
          });
          if (merged.addedIds.length > 0) {
            await api.untagPapers({ ids: merged.addedIds, tag: result.name });
          }
          return { label, revert: () => renameChange(restored, name) };
        }
        const back = await api.renameTag({ id: tag.id, name: tag.name });
        return { label, revert: () => renameChange(back, name) };
      },
    };
  }

  async function recolorChange(tag: Tag, color: string): Promise<Change> {
    await api.recolorTag({ id: tag.id, color });
    const label = `Recoloured “${tag.name}”`;
    return {
      label,
      revert: async () => {
        const back = await api.recolorTag({ id: tag.id, color: tag.color });
        return { label, revert: () => recolorChange(back, color) };
      },
    };
  }

  async function deleteTagChange(tag: Tag): Promise<Change> {
    const deleted = await api.deleteTag({ id: tag.id });
    const label = `Deleted tag “${deleted.tag.name}” from ${plural(deleted.paperIds.length, 'paper')}`;
    return {
      label,
      revert: async () => {
        const restored = await api.restoreTag({
          name: deleted.tag.name,
          color: deleted.tag.color,
          paperIds: deleted.paperIds,
        });
        return { label, revert: () => deleteTagChange(restored) };
      },
    };
  }

  async function removeSampleChange(): Promise<Change> {
    const { removed, ids } = await api.removeSample({});
    const label = `Removed ${plural(removed, 'sample paper')}; the ones you used are kept`;
    return {
      label,
      revert: async () => {
        if (ids.length > 0) await api.restoreSample({ ids });
        return { label, revert: removeSampleChange };
      },
    };
  }

  return {
    setStatus(ids: string[], status: ReadingStatus, onApplied?: () => void) {
      if (ids.length === 0) return Promise.resolve(false);
      return afterAsking(
        ids.length,
        statusQuestion(status, plural(ids.length, 'paper')),
        () =>
          perform(`Could not move to ${STATUS_LABELS[status]}`, () => statusChange(ids, status)),
        onApplied,
      );
    },

    setStarred(ids: string[], starred: boolean, onApplied?: () => void) {
      if (ids.length === 0) return Promise.resolve(false);
      return afterAsking(
        ids.length,
        `${starred ? 'Star' : 'Unstar'} ${plural(ids.length, 'paper')}`,
        () =>
          perform(starred ? 'Could not star' : 'Could not unstar', () => starChange(ids, starred)),
        onApplied,
      );
    },

    tagPapers(ids: string[], tag: string) {
      if (ids.length === 0) return Promise.resolve(false);
      return afterAsking(ids.length, `Tag ${plural(ids.length, 'paper')} with “${tag}”`, () =>
        perform(`Could not tag with “${tag}”`, () => tagChange(ids, tag)),
      );
    },

    untagPapers(ids: string[], tag: string) {
      if (ids.length === 0) return Promise.resolve(false);
      return afterAsking(ids.length, `Remove “${tag}” from ${plural(ids.length, 'paper')}`, () =>
        perform(`Could not remove “${tag}”`, () => untagChange(ids, tag)),
      );
    },

    renameTag(tag: Tag, name: string) {
      return perform(`Could not rename “${tag.name}”`, () => renameChange(tag, name));
    },

    recolorTag(tag: Tag, color: string) {
      return perform(`Could not recolour “${tag.name}”`, () => recolorChange(tag, color));
    },

    deleteTag(tag: Tag) {
      return perform(`Could not delete “${tag.name}”`, () => deleteTagChange(tag));
    },

    removeSamples() {
      return perform('Could not remove the samples', removeSampleChange);
    },

    /**
     * Enter Today: a new visit from now on. Resolves the moment it covers from
     * (the last visit), or null when it failed (said in a toast). The event it
     * emits refreshes the Today badge.
     */
    openToday(): Promise<string | null> {
      return api.openToday({}).then(
        (opened) => opened.since,
        (error: unknown) => {
          toasts.error(`Could not open Today: ${errorMessage(error)}`);
          return null;
        },
      );
    },

    // Writes that are not undone from the reader. Each asks the service once; the event
    // it emits (library-changed, settings-changed, sync-status…) brings every store up
    // to date, so nothing here refreshes after it (startSync aside, see there). Failures
    // reject, for the caller to say.

    saveSearch: (input: Input<'saveSearch'>) => api.saveSearch(input),
    renameSavedSearch: (id: number, name: string) => api.renameSavedSearch({ id, name }),
    moveSavedSearch: (id: number, position: number) => api.moveSavedSearch({ id, position }),
    /** Search for this instead, under the same name (the undo passes the old search back). */
    updateSavedSearch: (id: number, search: { query: string; view: View; tag: string | null }) =>
      api.updateSavedSearch({
        id,
        query: search.query,
        view: search.view,
        ...(search.tag ? { tag: search.tag } : {}),
      }),
    deleteSavedSearch: (id: number) => api.deleteSavedSearch({ id }),
    /** Undo of a delete: the same search again, at the place it had. */
    async restoreSavedSearch(search: SavedSearch, position: number): Promise<void> {
      const back = await api.saveSearch({
        name: search.name,
        query: search.query,
        view: search.view,
        ...(search.tag ? { tag: search.tag } : {}),
      });
      await api.moveSavedSearch({ id: back.id, position });
    },

    createTag: (name: string) => api.createTag({ name }),

    /** The answer is the settings now: shown at once (the event says the same to other windows). */
    async updateSettings(changes: Input<'updateSettings'>['changes']): Promise<Settings> {
      const settings = await api.updateSettings({ changes });
      stores.settings.set(settings);
      return settings;
    },

    /**
     * The one read after a write: a start that finds a run already going (another
     * window, the scheduler) emits nothing, so the status is read once; a reply
     * older than the events (SyncStatus.seq) is dropped by the sync store.
     */
    async startSync() {
      const run = await api.startSync({});
      stores.sync.refresh();
      return run;
    },
    cancelSync: () => api.cancelSync({}),

    addPaper: (idOrUrl: string) => api.addPaper({ idOrUrl }),
    importFile: (input: Input<'importFile'>) => api.importFile(input),
    cancelImport: () => api.cancelImport({}),
    createBackup: () => api.createBackup({}),
    restoreBackup: (file: string) => api.restoreBackup({ file }),
    downloadPdfs: (input: Input<'downloadPdfs'>) => api.downloadPdfs(input),
    setPdfPosition: (id: string, page: number) => api.setPdfPosition({ id, page }),

    undo: () => stores.undo.undo(),
    redo: () => stores.undo.redo(),
  };
}

export type Actions = ReturnType<typeof createActions>;

type Input<M extends keyof LibraryApi> = Parameters<LibraryApi[M]>[0];

export const ActionsContext = createContext<Actions | null>(null);

/** The one way components change the library (see createActions). */
export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside <ActionsContext.Provider>');
  return actions;
}
