import type { Ref } from 'react';
import type { PaperSummary } from '../../../shared/domain';
import { formatCount } from '../lib/format';
import type { Actions } from '../state/actions';
import { useResource } from '../state/resource';
import { BulkPdfSection } from '../pdf';
import { useStores } from '../state/stores';
import { CiteMenu } from './CiteMenu';
import { StatusControls } from './StatusControls';
import { TagInput } from './TagInput';

/** Several papers selected: bulk status, star and tags. */
export function BulkPanel({
  ids,
  summaries,
  actions,
  onClear,
  tagInputRef,
  onLeave,
}: {
  ids: string[];
  /** The selected papers that are loaded in the list (all, unless a huge range was picked). */
  summaries: PaperSummary[];
  actions: Actions;
  onClear: () => void;
  tagInputRef: Ref<HTMLInputElement>;
  onLeave: () => void;
}) {
  const { counts } = useStores();
  const { data } = useResource(counts);
  const statuses = new Set(summaries.map((p) => p.status));
  const status =
    statuses.size === 1 && summaries.length === ids.length ? summaries[0].status : null;
  const allStarred = summaries.length === ids.length && summaries.every((p) => p.starred);
  const tagCounts = new Map<string, number>();
  for (const paper of summaries) {
    for (const tag of paper.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  }
  const tagsOnAll = [...tagCounts].filter(([, n]) => n === ids.length).map(([tag]) => tag);

  return (
    <div className="bulk">
      <h2 className="paper-title" tabIndex={-1}>
        {formatCount(ids.length)} papers selected
      </h2>
      <p className="bulk-hint">Changes apply to every selected paper.</p>
      <div className="paper-toolbar">
        <StatusControls
          status={status}
          starred={allStarred}
          onStatus={(next) => void actions.setStatus(ids, next)}
          onStar={(starred) => void actions.setStarred(ids, starred)}
        />
        <CiteMenu ids={ids} />
        <button type="button" className="button" onClick={onClear}>
          Clear selection
        </button>
      </div>
      <section className="detail-section" aria-label="Tags of the selected papers">
        <h3 className="section-heading">Tags</h3>
        <ul className="tag-list" aria-label="Tags on the selected papers">
          {[...tagCounts].map(([tag, n]) => (
            <li key={tag} className="tag-pill">
              {tag}
              {n < ids.length && <span className="tag-partial">{n}</span>}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${tag} from the selected papers`}
                onClick={() => void actions.untagPapers(ids, tag)}
              >
                ×
              </button>
            </li>
          ))}
          <li className="tag-add">
            <TagInput
              tags={data?.tags ?? []}
              applied={tagsOnAll}
              onAdd={(name) => void actions.tagPapers(ids, name)}
              onLeave={onLeave}
              inputRef={tagInputRef}
            />
          </li>
        </ul>
      </section>
      <BulkPdfSection ids={ids} />
    </div>
  );
}
