import { useId, useState } from 'react';
import type { VaultImportResult } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { formatCount, plural } from '../lib/format';
import { useStores } from '../state/stores';
import { FieldError } from '../ui/FieldError';

/** A folder picker's attribute React's types do not list (Chromium, Electron). */
const FOLDER_PICKER = { webkitdirectory: '' } as Record<string, string>;

/**
 * The import dialog's second part: notes edited in a Markdown vault come back
 * (the folder's .md files; the service matches them by the id in their front
 * matter). The summary names notes changed on both sides and unknown papers.
 */
export function VaultImport() {
  const { backend } = useStores();
  const inputId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [result, setResult] = useState<VaultImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async () => {
    setIsBusy(true);
    setError(null);
    setResult(null);
    try {
      const read = await Promise.all(
        files.map(async (file) => ({ fileName: file.name, content: await file.text() })),
      );
      setResult(await backend.api.importVault({ files: read }));
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <fieldset className="vault-import">
      <legend>Notes from a Markdown vault</legend>
      <label className="field" htmlFor={inputId}>
        <span>Vault folder</span>
      </label>
      <input
        id={inputId}
        type="file"
        {...FOLDER_PICKER}
        multiple
        onChange={(event) => {
          const picked = [...(event.target.files ?? [])].filter(
            // Only the folder's own notes, not its subfolders (.obsidian, attachments).
            (f) =>
              f.name.toLowerCase().endsWith('.md') && f.webkitRelativePath.split('/').length <= 2,
          );
          setFiles(picked);
          setResult(null);
          setError(null);
        }}
      />
      <p className="field-hint">
        A folder exported by Papershelf: notes edited there replace the library&rsquo;s; a note
        changed in both places keeps both versions.
      </p>
      <FieldError error={error} />
      {result && (
        <div className="import-result" role="status">
          <p>
            {plural(result.files, 'file')} read: {formatCount(result.updated.length)} notes updated,{' '}
            {formatCount(result.unchanged)} unchanged
            {result.conflicts.length > 0
              ? `, ${formatCount(result.conflicts.length)} changed in both places (both versions kept)`
              : ''}
            {result.unknown.length > 0
              ? `, ${formatCount(result.unknown.length)} not in the library (not added)`
              : ''}
            .
          </p>
          {(result.conflicts.length > 0 || result.unknown.length > 0) && (
            <ul className="import-warnings">
              {result.conflicts.slice(0, 10).map((c) => (
                <li key={`c${c.id}`}>Changed in both places: {c.fileName}</li>
              ))}
              {result.unknown.slice(0, 10).map((u) => (
                <li key={`u${u.id}`}>
                  Not in the library: {u.id} ({u.fileName})
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          disabled={files.length === 0 || isBusy}
          onClick={() => void submit()}
        >
          {isBusy ? 'Reading the folder…' : 'Update notes from the vault'}
        </button>
      </div>
    </fieldset>
  );
}
