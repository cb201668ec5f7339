import { useEffect, useState } from 'react';
import { useStores } from '../state/stores';

/**
 * A value read from the service for `key`, read again whenever the library
 * changes (a note saved anywhere can change links and backlinks here). Only
 * the latest answer is kept; null until the first one arrives for this key.
 */
export function useLibraryValue<T>(key: string | null, load: () => Promise<T>): T | null {
  const { backend } = useStores();
  const [state, setState] = useState<{ key: string; value: T } | null>(null);

  useEffect(() => {
    if (key === null) return;
    let isActive = true;
    let latest = 0;
    const read = () => {
      const seq = ++latest;
      load().then(
        (value) => {
          if (isActive && seq === latest) setState({ key, value });
        },
        () => {
          // A help, never an error page: the last value stays.
        },
      );
    };
    read();
    const unsubscribe = backend.subscribe((event) => {
      if (event.type === 'library-changed') read();
    });
    return () => {
      isActive = false;
      unsubscribe();
    };
    // `load` is a fresh closure each render; `key` says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, key]);

  return state && state.key === key ? state.value : null;
}
