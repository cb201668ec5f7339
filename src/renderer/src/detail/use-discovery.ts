import { useEffect, useState } from 'react';
import type { RelatedPaper, TagSuggestion } from '../../../shared/api';
import { useStores } from '../state/stores';

export interface Discovery {
  /** null while loading (or when it failed: discovery is a help, never an error page). */
  related: RelatedPaper[] | null;
  suggestions: TagSuggestion[];
}

/**
 * "More like this" and the tags this paper looks like it should carry. Re-read
 * when the paper changes (`version`: its update time and tags) and after the
 * models retrain (`modelVersion`).
 */
export function useDiscovery(id: string, version: string, modelVersion: number): Discovery {
  const { backend } = useStores();
  const key = `${id}\u0000${version}\u0000${modelVersion}`;
  const [state, setState] = useState<{ key: string; value: Discovery }>({
    key: '',
    value: { related: null, suggestions: [] },
  });

  useEffect(() => {
    if (!id) return;
    let isActive = true;
    const related = backend.api.relatedPapers({ id, limit: 8 }).catch(() => []);
    const suggestions = backend.api.tagSuggestions({ id }).catch(() => []);
    void Promise.all([related, suggestions]).then(([r, s]) => {
      if (isActive) setState({ key, value: { related: r, suggestions: s } });
    });
    return () => {
      isActive = false;
    };
  }, [backend, id, key]);

  return state.key === key ? state.value : { related: null, suggestions: [] };
}
