import { useState } from 'react';
import type { SavedSearch } from '../../../shared/api';
import { VIEW_LABELS, type View } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';
import { useActions } from '../state/actions';
import { Dialog } from '../ui/Dialog';
import { FieldError } from '../ui/FieldError';

/** What a saved search keeps: the query and the scope it was searched in. */
export interface SearchToSave {
  query: string;
  view: View;
  tag: string | null;
}

/** Name the search in the box and keep it as a sidebar view. */
export function SaveSearchDialog({
  open,
  search,
  onClose,
  onSaved,
}: {
  open: boolean;
  search: SearchToSave | null;
  onClose: () => void;
  onSaved: (saved: SavedSearch) => void;
}) {
  const actions = useActions();
  // A new search to save remounts the dialog (its key), so the name starts from its query.
  const [name, setName] = useState(() => search?.query.slice(0, 100) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = () => {
    if (!search) return;
    setIsBusy(true);
    setError(null);
    actions
      .saveSearch({
        name,
        query: search.query,
        view: search.view,
        ...(search.tag ? { tag: search.tag } : {}),
      })
      .then((saved) => {
        onSaved(saved);
        onClose();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setIsBusy(false));
  };

  const scope = search
    ? [
        search.view !== 'all' ? VIEW_LABELS[search.view] : null,
        search.tag ? `tag ${search.tag}` : null,
      ]
        .filter((s) => s !== null)
        .join(', ')
    : '';
  return (
    <Dialog title="Save search" open={open} onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) submit();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input
            autoFocus
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? 'save-search-error' : 'save-search-hint'}
          />
        </label>
        <p id="save-search-hint" className="field-hint">
          Shows in the sidebar with a live count: “{search?.query}”
          {scope ? ` within ${scope}` : ' in all papers'}.
        </p>
        <FieldError error={error} id="save-search-error" />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={isBusy || !name.trim()}>
            {isBusy ? 'Saving…' : 'Save search'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
