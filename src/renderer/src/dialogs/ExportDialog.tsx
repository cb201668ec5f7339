import { useState } from 'react';
import type { ExportFormat, ExportScope } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { useStores } from '../state/stores';
import { Dialog } from '../ui/Dialog';
import { toasts } from '../ui/toasts';
import { downloadText, downloadVault } from './download';
import { FieldError } from '../ui/FieldError';

const FORMATS: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'bibtex', label: 'BibTeX', hint: 'for LaTeX and reference managers' },
  { format: 'csl-json', label: 'CSL-JSON', hint: 'for Zotero, Pandoc and citation styles' },
  {
    format: 'markdown',
    label: 'Markdown vault (zip)',
    hint: 'a note per paper, for Obsidian and other vaults',
  },
  { format: 'json', label: 'Papershelf backup (JSON)', hint: 'everything: papers, tags, notes' },
];

export interface ExportChoice {
  label: string;
  scope: ExportScope;
}

/**
 * Export the current list, the selection, or the whole library. The Markdown
 * vault, a folder of files, comes as a zip (`papershelf export --format
 * markdown` writes the folder itself).
 */
export function ExportDialog({
  open,
  onClose,
  choices,
}: {
  open: boolean;
  onClose: () => void;
  /** Scopes on offer, most specific first (selection, this list, everything). */
  choices: ExportChoice[];
}) {
  const { backend } = useStores();
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [choice, setChoice] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picked = choices[Math.min(choice, choices.length - 1)];

  const submit = () => {
    setIsBusy(true);
    setError(null);
    backend.api
      .exportPapers({ format, scope: picked.scope })
      .then((result) => {
        const fileName =
          result.format === 'markdown'
            ? downloadVault(result.folderName, result.files)
            : downloadText(result.fileName, result.content, result.mimeType);
        toasts.show(`Exported ${plural(result.count, 'paper')} to ${fileName}`);
        onClose();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setIsBusy(false));
  };

  return (
    <Dialog title="Export" open={open} onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="choices">
          <legend>Papers</legend>
          {choices.map((option, i) => (
            <label key={option.label} className="choice">
              <input
                type="radio"
                name="export-scope"
                checked={i === choice}
                onChange={() => setChoice(i)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="choices">
          <legend>Format</legend>
          {FORMATS.map((option) => (
            <label key={option.format} className="choice">
              <input
                type="radio"
                name="export-format"
                checked={option.format === format}
                onChange={() => setFormat(option.format)}
              />
              {option.label} <span className="choice-hint">{option.hint}</span>
            </label>
          ))}
        </fieldset>
        <FieldError error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={isBusy}>
            {isBusy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
