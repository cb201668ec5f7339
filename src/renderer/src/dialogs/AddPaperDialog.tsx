import { useState } from 'react';
import type { AddPaperResult } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { useActions } from '../state/actions';
import { Dialog } from '../ui/Dialog';
import { FieldError } from '../ui/FieldError';

/** Add one paper by arXiv id or URL (Hugging Face first, then arXiv). */
export function AddPaperDialog({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose: () => void;
  onAdded: (result: AddPaperResult) => void;
}) {
  const actions = useActions();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = () => {
    setIsBusy(true);
    setError(null);
    actions
      .addPaper(value)
      .then((result) => {
        setValue('');
        onAdded(result);
        onClose();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setIsBusy(false));
  };

  return (
    <Dialog title="Add paper" open={open} onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) submit();
        }}
      >
        <label className="field">
          <span>arXiv id or link</span>
          <input
            autoFocus
            value={value}
            placeholder="2509.04664 or https://arxiv.org/abs/2509.04664"
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? 'add-paper-error' : undefined}
          />
        </label>
        <p className="field-hint">
          An arXiv or Hugging Face paper link works too. Needs a network connection.
        </p>
        <FieldError error={error} id="add-paper-error" />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={isBusy || !value.trim()}>
            {isBusy ? 'Adding…' : 'Add paper'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
