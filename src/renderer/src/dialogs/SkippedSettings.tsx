import { useState } from 'react';
import type { NetworkSettings } from '../../../shared/api/settings';
import { errorMessage } from '../lib/errors';
import { useActions } from '../state/actions';
import { FieldError } from '../ui/FieldError';

/**
 * A backup's settings that choose where and how often the app connects (feed
 * address, sync interval) are never applied by the import. They are shown
 * here, and applied only if the user presses the button.
 */
export function SkippedSettings({ skipped }: { skipped: NetworkSettings }) {
  const actions = useActions();
  const [state, setState] = useState<'offered' | 'applying' | 'applied'>('offered');
  const [error, setError] = useState<string | null>(null);
  const lines: string[] = [];
  if ('feedUrl' in skipped) lines.push(`Feed address: ${skipped.feedUrl ?? 'the default'}`);
  if ('syncIntervalHours' in skipped) {
    lines.push(
      `Sync interval: ${skipped.syncIntervalHours === 0 ? 'off' : `every ${skipped.syncIntervalHours} h`}`,
    );
  }
  if (lines.length === 0) return null;

  const apply = async () => {
    setState('applying');
    setError(null);
    try {
      await actions.updateSettings(skipped);
      setState('applied');
    } catch (reason) {
      setError(errorMessage(reason));
      setState('offered');
    }
  };

  return (
    <div className="skipped-settings">
      <p>
        The file also has these settings, which were not applied (they decide where and how often
        Papershelf connects):
      </p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <FieldError error={error} />
      {state === 'applied' ? (
        <p>Settings applied.</p>
      ) : (
        <button
          type="button"
          className="button"
          disabled={state === 'applying'}
          onClick={() => void apply()}
        >
          Apply these settings
        </button>
      )}
    </div>
  );
}
