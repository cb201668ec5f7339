import type { ReadingStatus, Tag } from '../../../shared/domain';
import { STATUS_LABELS } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { toasts } from '../ui/toasts';
import type { Stores } from './stores';

/**
 * What the user can do to papers and tags. Each action updates the list at
 * once, asks the service, and reports a failure as a readable message (the list
 * re-reads the truth either way).
 */
export function createActions(stores: Stores) {
  const { api } = stores.backend;

  async function attempt(what: string, run: () => Promise<unknown>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      toasts.error(`${what}: ${errorMessage(error)}`);
      return false;
    } finally {
      stores.counts.refresh();
    }
  }

  return {
    setStatus(ids: string[], status: ReadingStatus) {
      if (ids.length === 0) return Promise.resolve(false);
      return attempt(`Could not move to ${STATUS_LABELS[status]}`, () =>
        stores.list.mutate(
          ids,
          (p) => ({ ...p, status }),
          () => api.setStatus({ ids, status }),
        ),
      );
    },

    setStarred(ids: string[], starred: boolean) {
      if (ids.length === 0) return Promise.resolve(false);
      return attempt(starred ? 'Could not star' : 'Could not unstar', () =>
        stores.list.mutate(
          ids,
          (p) => ({ ...p, starred }),
          () => api.setStarred({ ids, starred }),
        ),
      );
    },

    tagPapers(ids: string[], tag: string) {
      if (ids.length === 0) return Promise.resolve(false);
      return attempt(`Could not tag with “${tag}”`, () =>
        stores.list.mutate(
          ids,
          (p) =>
            p.tags.some((t) => t.toLowerCase() === tag.toLowerCase())
              ? p
              : { ...p, tags: [...p.tags, tag].sort((a, b) => a.localeCompare(b)) },
          () => api.tagPapers({ ids, tag }),
        ),
      );
    },

    untagPapers(ids: string[], tag: string) {
      if (ids.length === 0) return Promise.resolve(false);
      return attempt(`Could not remove “${tag}”`, () =>
        stores.list.mutate(
          ids,
          (p) => ({ ...p, tags: p.tags.filter((t) => t.toLowerCase() !== tag.toLowerCase()) }),
          () => api.untagPapers({ ids, tag }),
        ),
      );
    },

    renameTag(tag: Tag, name: string) {
      return attempt(`Could not rename “${tag.name}”`, async () => {
        const result = await api.renameTag({ id: tag.id, name });
        stores.list.refresh();
        if (result.id !== tag.id) toasts.show(`Merged “${tag.name}” into “${result.name}”`);
      });
    },

    recolorTag(tag: Tag, color: string) {
      return attempt(`Could not recolour “${tag.name}”`, () =>
        api.recolorTag({ id: tag.id, color }),
      );
    },

    deleteTag(tag: Tag) {
      return attempt(`Could not delete “${tag.name}”`, async () => {
        const deleted = await api.deleteTag({ id: tag.id });
        stores.list.refresh();
        toasts.show(
          `Deleted tag “${deleted.tag.name}” from ${plural(deleted.paperIds.length, 'paper')}`,
          {
            action: {
              label: 'Undo',
              run: () =>
                void attempt(`Could not restore “${deleted.tag.name}”`, () =>
                  api.restoreTag({
                    name: deleted.tag.name,
                    color: deleted.tag.color,
                    paperIds: deleted.paperIds,
                  }),
                ),
            },
          },
        );
      });
    },
  };
}

export type Actions = ReturnType<typeof createActions>;
