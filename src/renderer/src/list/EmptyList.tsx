import type { View } from '../../../shared/domain';
import type { Route } from '../state/route';

const VIEW_EMPTY: Record<View, { title: string; text: string }> = {
  inbox: { title: 'Inbox zero', text: 'New papers from the feed land here. Nothing is waiting.' },
  toread: {
    title: 'Nothing to read yet',
    text: 'Press 2 on a paper to put it on your reading list.',
  },
  reading: { title: 'Not reading anything', text: 'Press 3 on a paper when you start it.' },
  read: { title: 'Nothing read yet', text: 'Papers you finish (press 4) collect here.' },
  archived: {
    title: 'The archive is empty',
    text: 'Press 5 or E to archive a paper you are done with.',
  },
  starred: { title: 'No starred papers', text: 'Press S to star a paper worth keeping close.' },
  all: { title: 'No papers', text: '' },
};

/** What an empty list says depends on why it is empty. */
export function EmptyList({
  route,
  libraryTotal,
  searchText = '',
}: {
  route: Route;
  libraryTotal: number | null;
  searchText?: string;
}) {
  let title: string;
  let text: string;
  if (searchText) {
    title = 'No matches';
    text = 'Try fewer words, or search all papers.';
  } else if (libraryTotal === 0) {
    title = 'No papers yet';
    text =
      'Your library is empty. Sync the Daily Papers feed to fill it; everything works offline afterwards.';
  } else if (route.tag) {
    title = 'No papers with this tag';
    text = `Nothing here is tagged “${route.tag}” (in this view).`;
  } else if (route.day) {
    title = route.day.includes('..') ? 'No papers in these days' : 'No papers on this day';
    text = 'The feed had nothing here (in this view).';
  } else {
    ({ title, text } = VIEW_EMPTY[route.view]);
  }
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">{title}</p>
      {text && <p className="empty-text">{text}</p>}
    </div>
  );
}
