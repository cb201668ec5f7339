import { memo, type ReactNode } from 'react';
import { VIEWS, VIEW_LABELS, type View } from '../../../shared/domain';
import { SIDEBAR_ID } from '../layout/ReaderLayout';
import { formatCount, formatShortDay } from '../lib/format';
import type { Actions } from '../state/actions';
import { useResource } from '../state/resource';
import type { Route } from '../state/route';
import { useStores } from '../state/stores';
import { Icon, type IconName } from '../ui/Icon';
import { MenuButton } from '../ui/Menu';
import type { SavedSearch } from '../../../shared/api';
import type { SearchToSave } from '../daily/SaveSearchDialog';
import { SavedSearches } from './SavedSearches';
import { ReplicationPanel } from './ReplicationPanel';
import { SyncPanel } from './SyncPanel';
import { TagTree } from './TagTree';
import { ThemeToggle } from './ThemeToggle';

export type LibraryDialog = 'add' | 'import' | 'export' | 'backups' | 'days' | 'reading';

const VIEW_ICONS: Record<View, IconName> = {
  inbox: 'inbox',
  toread: 'bookmark',
  reading: 'reading',
  read: 'check',
  archived: 'archive',
  starred: 'star',
  all: 'all',
};

/**
 * The left pane: views, tags, recent feed days, and the sync status at the
 * bottom. Memoized: it re-renders for its own data, not for every list page.
 */
export const Sidebar = memo(function Sidebar({
  route,
  onNavigate,
  actions,
  footer,
  onOpenDialog,
  activeSavedSearch = null,
  onOpenSavedSearch,
  currentSearch = null,
  onSavedSearchUpdated,
}: {
  route: Route;
  /** The saved search whose query is in the search box, if any. */
  activeSavedSearch?: number | null;
  onOpenSavedSearch: (search: SavedSearch) => void;
  /** The search in the box (keep it stable): a saved search can be changed to it. */
  currentSearch?: SearchToSave | null;
  onSavedSearchUpdated?: (search: SavedSearch) => void;
  onNavigate: (change: Partial<Route>) => void;
  actions: Actions;
  onOpenDialog: (dialog: LibraryDialog) => void;
  /** More status under the sync area (keep it stable, e.g. with useMemo). */
  footer?: ReactNode;
}) {
  const { counts, today } = useStores();
  const { data } = useResource(counts);
  const { data: todaySummary } = useResource(today);
  const isPlainView =
    !route.tag && !route.day && !route.today && !route.notes && activeSavedSearch === null;
  const newCount = todaySummary?.count ?? 0;
  // "For you" is the Inbox ranked by the discovery model (the For you sort of any view).
  const isForYou = isPlainView && route.view === 'inbox' && route.sort === 'foryou';

  return (
    <nav id={SIDEBAR_ID} aria-label="Library" className="sidebar">
      <header className="sidebar-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Papershelf
        </span>
        <span className="sidebar-tools">
          <MenuButton
            label="Library menu"
            icon={<Icon name="plus" />}
            items={[
              { label: 'Add paper…', onSelect: () => onOpenDialog('add') },
              { label: 'Import…', onSelect: () => onOpenDialog('import') },
              { label: 'Export…', onSelect: () => onOpenDialog('export') },
              { label: 'Backups…', onSelect: () => onOpenDialog('backups') },
              { label: 'Your reading…', onSelect: () => onOpenDialog('reading') },
            ]}
          />
          <ThemeToggle />
        </span>
      </header>
      <div className="sidebar-scroll">
        <ul className="nav-list" aria-label="Views">
          <li>
            <button
              type="button"
              className="nav-item"
              aria-current={route.today ? 'page' : undefined}
              onClick={() => onNavigate({ today: true, tag: null, day: null })}
            >
              <Icon name="sun" className="nav-icon" />
              <span className="nav-label">Today</span>
              <span
                className={newCount > 0 ? 'nav-count nav-badge' : 'nav-count'}
                aria-label={`${newCount} new ${newCount === 1 ? 'paper' : 'papers'}`}
              >
                {newCount > 0 ? formatCount(newCount) : ''}
              </span>
            </button>
          </li>
          {VIEWS.map((view) => (
            <li key={view}>
              <button
                type="button"
                className="nav-item"
                aria-current={
                  isPlainView && route.view === view && !(isForYou && view === 'inbox')
                    ? 'page'
                    : undefined
                }
                onClick={() =>
                  onNavigate({
                    view,
                    tag: null,
                    day: null,
                    ...(route.sort === 'foryou' ? { sort: 'featured' as const } : {}),
                  })
                }
              >
                <Icon name={VIEW_ICONS[view]} className="nav-icon" />
                <span className="nav-label">{VIEW_LABELS[view]}</span>
                <span className="nav-count" aria-label={`${data?.views[view] ?? 0} papers`}>
                  {data ? formatCount(data.views[view]) : ''}
                </span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="nav-item"
              aria-current={isForYou ? 'page' : undefined}
              title="The Inbox ranked by what you star, tag, read and archive"
              onClick={() => onNavigate({ view: 'inbox', tag: null, day: null, sort: 'foryou' })}
            >
              <Icon name="sparkle" className="nav-icon" />
              <span className="nav-label">For you</span>
            </button>
          </li>
          <li>
            <button
              type="button"
              className="nav-item"
              aria-current={route.notes ? 'page' : undefined}
              title="Every paper with a note, the latest edit first"
              onClick={() => onNavigate({ notes: true, view: 'all', tag: null, day: null })}
            >
              <Icon name="note" className="nav-icon" />
              <span className="nav-label">All notes</span>
            </button>
          </li>
        </ul>

        <SavedSearches
          activeId={activeSavedSearch}
          onOpen={onOpenSavedSearch}
          current={currentSearch}
          onUpdated={onSavedSearchUpdated}
        />

        <TagTree tags={data?.tags ?? []} route={route} onNavigate={onNavigate} actions={actions} />

        {data && data.days.length > 0 && (
          <section className="nav-section" aria-labelledby="days-heading">
            <div className="nav-heading-row">
              <h2 id="days-heading" className="nav-heading">
                Recent days
              </h2>
              <button
                type="button"
                className="link-button nav-heading-action"
                onClick={() => onOpenDialog('days')}
              >
                All days…
              </button>
            </div>
            <ul className="nav-list">
              {data.days.slice(0, 10).map(({ day, count }) => (
                <li key={day}>
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={route.day === day ? 'page' : undefined}
                    onClick={() => onNavigate({ view: 'all', tag: null, day })}
                  >
                    <Icon name="calendar" className="nav-icon" />
                    <span className="nav-label">{formatShortDay(day)}</span>
                    <span className="nav-count">{formatCount(count)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <ReplicationPanel />
      <SyncPanel />
      {footer}
    </nav>
  );
});
