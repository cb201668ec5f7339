import { useState } from 'react';
import type { ImportResult } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { formatCount, plural } from '../lib/format';
import { useActions } from '../state/actions';
import { Dialog } from '../ui/Dialog';
import { SkippedSettings } from './SkippedSettings';
import { VaultImport } from '../notes/VaultImport';
import { FieldError } from '../ui/FieldError';

/** Import a Papershelf backup (JSON), a BibTeX file or a list of arXiv ids: all or nothing. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const actions = useActions();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const close = () => {
    setFile(null);
    setResult(null);
    setError(null);
    onClose();
  };

  const submit = async () => {
    if (!file) return;
    setIsBusy(true);
    setError(null);
    setResult(null);
    try {
      const content = await file.text();
      setResult(await actions.importFile({ fileName: file.name, content }));
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Dialog title="Import" open={open} onClose={close}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>File</span>
          <input
            type="file"
            accept=".json,.bib,.bibtex,.txt"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setResult(null);
              setError(null);
            }}
          />
        </label>
        <p className="field-hint">
          A Papershelf backup (.json), a BibTeX file (.bib) or a list of arXiv ids (.txt). A file
          with a problem changes nothing.
        </p>
        <FieldError error={error} />
        {result && (
          <div className="import-result" role="status">
            <p>
              Imported {plural(result.total, 'paper')} from {result.fileName}:{' '}
              {formatCount(result.papers.added)} new, {formatCount(result.papers.updated)} updated,{' '}
              {formatCount(result.papers.unchanged)} unchanged
              {result.tagsCreated > 0 ? `, ${plural(result.tagsCreated, 'new tag')}` : ''}.
            </p>
            {result.warnings.length > 0 && (
              <ul className="import-warnings">
                {result.warnings.slice(0, 5).map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
                {result.warnings.length > 5 && <li>and {result.warnings.length - 5} more</li>}
              </ul>
            )}
          </div>
        )}
        {result && <SkippedSettings skipped={result.skippedSettings} />}
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            // While ids are looked up online, Cancel stops the lookups (nothing is imported).
            onClick={isBusy ? () => void actions.cancelImport() : close}
          >
            {result ? 'Done' : 'Cancel'}
          </button>
          {!result && (
            <button type="submit" className="button primary" disabled={!file || isBusy}>
              {isBusy ? 'Importing…' : 'Import'}
            </button>
          )}
        </div>
      </form>
      <VaultImport />
    </Dialog>
  );
}
