import { memo } from 'react';
import { STATUS_LABELS, type PaperSummary, type ReadingStatus } from '../../../shared/domain';
import { formatAuthors, formatCount, formatDay } from '../lib/format';
import { OfflineMark } from '../pdf';
import type { SearchResult, TodayEntry } from '../../../shared/api';
import { missingWordsNote } from '../../../shared/search-query';
import { Highlighted } from '../ui/Highlighted';
import { Icon, type IconName } from '../ui/Icon';

/** A row's height before it is measured (two title lines and the authors); placeholders keep it. */
export const ROW_HEIGHT = 72;

/** Inbox papers get a small dot, like unread mail; the others an icon for their status. */
const STATUS_ICONS: Record<Exclude<ReadingStatus, 'inbox'>, IconName> = {
  toread: 'bookmark',
  reading: 'reading',
  read: 'check',
  archived: 'archive',
};

export function rowDomId(paperId: string): string {
  return `paper-row-${paperId}`;
}

/** One paper in the list. Feed text is rendered as text (React escapes it), never as HTML. */
export const PaperRow = memo(function PaperRow({
  paper,
  index,
  top,
  isSelected,
  isCursor,
  tagColors,
  match,
  todayEntry,
  because,
  onPick,
  measureRef,
}: {
  /** In the Today view: why the paper is where it is (a pick's reason, a rise). */
  todayEntry?: TodayEntry;
  paper: PaperSummary | undefined;
  index: number;
  /** The virtualizer's measure: a row is as tall as its content (a one-line title makes a short row). */
  measureRef: (element: HTMLElement | null) => void;
  top: number;
  isSelected: boolean;
  isCursor: boolean;
  tagColors: ReadonlyMap<string, string>;
  /** Set for a search result: what to highlight, and a snippet of the note or abstract. */
  match?: SearchResult;
  /** Sorted For you: why the paper is ranked here ("Like 3 papers you starred: …"). */
  because?: string;
  onPick: (index: number, paper: PaperSummary, event: React.MouseEvent) => void;
}) {
  const style = { transform: `translateY(${top}px)` };
  if (!paper) {
    return (
      <div
        ref={measureRef}
        data-index={index}
        role="row"
        aria-rowindex={index + 1}
        aria-busy="true"
        className="row placeholder"
        style={{ ...style, height: ROW_HEIGHT }}
      >
        <div role="gridcell" className="row-cell">
          <span className="skeleton skeleton-title" />
          <span className="skeleton skeleton-meta" />
        </div>
      </div>
    );
  }
  return (
    <div
      ref={measureRef}
      data-index={index}
      role="row"
      id={rowDomId(paper.id)}
      aria-rowindex={index + 1}
      aria-selected={isSelected}
      data-cursor={isCursor ? 'true' : undefined}
      data-paper-id={paper.id}
      className={match ? 'row is-result' : 'row'}
      style={style}
      onMouseDown={(event) => {
        // Shift-click selects a range; keep the browser from selecting text too.
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => onPick(index, paper, event)}
    >
      <div role="gridcell" className="row-cell">
        <span className={`row-status status-${paper.status}`} title={STATUS_LABELS[paper.status]}>
          {paper.status === 'inbox' ? (
            <span className="inbox-dot" aria-hidden="true" />
          ) : (
            <Icon name={STATUS_ICONS[paper.status]} size={15} />
          )}
          <span className="visually-hidden">{STATUS_LABELS[paper.status]}</span>
        </span>
        <div className="row-main">
          <div className="row-title">
            <Highlighted text={paper.title} ranges={rangesOf(match, 'title')} />
          </div>
          <div className="row-meta">
            <span className="row-authors">
              {match ? (
                <MatchedAuthors authors={paper.authors} match={match} />
              ) : (
                formatAuthors(paper.authors)
              )}
            </span>
            {paper.lastFeaturedDay && (
              <span className="row-day">{formatDay(paper.lastFeaturedDay)}</span>
            )}
            {paper.tags.length > 0 && (
              <span className="row-tags">
                {paper.tags.slice(0, 3).map((tag) => (
                  <span key={tag} className="tag-pill small">
                    <span
                      className="tag-dot"
                      style={{ background: tagColors.get(tag.toLowerCase()) }}
                      aria-hidden="true"
                    />
                    {tag}
                  </span>
                ))}
                {paper.tags.length > 3 && (
                  <span className="row-more">+{paper.tags.length - 3}</span>
                )}
              </span>
            )}
          </div>
          {todayEntry && todayEntry.section !== 'rest' && !match && (
            <div className="row-snippet row-today">
              <span className="row-snippet-field">
                {todayEntry.section === 'pick' ? 'Pick' : 'Rising'}
              </span>
              {todayEntry.section === 'pick'
                ? todayEntry.reason
                : `+${formatCount(todayEntry.growth)} upvotes in 72 hours`}
            </div>
          )}
          {because && !match && (
            <div className="row-snippet row-because">
              <span className="row-snippet-field">For you</span>
              {because}
            </div>
          )}
          {(match?.snippet || match?.missing) && (
            <div className="row-snippet">
              {match.missing && (
                <span className="row-missing">{missingWordsNote(match.missing)}</span>
              )}
              {match.snippet && (
                <>
                  <span className="row-snippet-field">
                    {match.snippet.field === 'notes' ? 'Note' : 'Abstract'}
                  </span>
                  <Highlighted text={match.snippet.text} ranges={match.snippet.ranges} />
                </>
              )}
            </div>
          )}
        </div>
        <div className="row-side">
          <span className="row-upvotes" title={`${paper.upvotes} upvotes`}>
            <Icon name="upvote" size={11} filled />
            {formatCount(paper.upvotes)}
            <span className="visually-hidden"> upvotes</span>
          </span>
          <span className="row-flags">
            <OfflineMark paperId={paper.id} />
            {paper.hasNote && (
              <span title="Has a note" className="row-note">
                <Icon name="note" size={13} />
                <span className="visually-hidden">Has a note</span>
              </span>
            )}
            {paper.starred && (
              <span title="Starred" className="row-star">
                <Icon name="star" size={13} filled />
                <span className="visually-hidden">Starred</span>
              </span>
            )}
          </span>
        </div>
      </div>
    </div>
  );
});

function rangesOf(
  match: SearchResult | undefined,
  field: 'title',
): SearchResult['matches'][number]['ranges'] | undefined {
  return match?.matches.find((m) => m.field === field)?.ranges;
}

/** The first authors, with a matching author brought forward so the hit is visible. */
function MatchedAuthors({ authors, match }: { authors: string[]; match: SearchResult }) {
  const hits = new Map(
    match.matches
      .filter((m) => m.field === 'authors' && m.index !== null)
      .map((m) => [m.index!, m.ranges]),
  );
  const firstHit = [...hits.keys()].sort((a, b) => a - b)[0];
  const shown = [0, 1, 2].filter((i) => i < authors.length);
  if (firstHit !== undefined && firstHit > 2) shown[shown.length - 1] = firstHit;
  const rest = authors.length - shown.length;
  return (
    <>
      {shown.map((i, n) => (
        <span key={i}>
          {n > 0 && ', '}
          <Highlighted text={authors[i]} ranges={hits.get(i)} />
        </span>
      ))}
      {rest > 0 && ` +${rest}`}
    </>
  );
}
