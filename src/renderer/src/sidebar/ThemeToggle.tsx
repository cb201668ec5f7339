import type { Settings } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { useResource } from '../state/resource';
import { useActions } from '../state/actions';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { toasts } from '../ui/toasts';

type Theme = Settings['theme'];

const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<Theme, string> = {
  system: 'Theme: follows the system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

/** Cycles system → light → dark; stored in the `theme` setting so every window agrees. */
export function ThemeToggle() {
  const { settings } = useStores();
  const actions = useActions();
  const { data } = useResource(settings);
  const theme = data?.theme ?? 'system';
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`${LABEL[theme]}. Change theme`}
      title={LABEL[theme]}
      disabled={!data}
      onClick={() => {
        actions
          .updateSettings({ theme: NEXT[theme] })
          .catch((error: unknown) =>
            toasts.error(`Could not change the theme: ${errorMessage(error)}`),
          );
      }}
    >
      <Icon name={theme === 'system' ? 'system' : theme === 'light' ? 'sun' : 'moon'} />
    </button>
  );
}
