import { useEffect, useSyncExternalStore } from 'react';
import type { Actions } from '../state/actions';
import { discoveryStore } from '../state/discovery-store';
import { useDiscovery } from './use-discovery';

/**
 * Discovery in the detail pane: tags this paper looks like it should carry
 * (the first is accepted with `y`), and up to 8 related papers, each with why.
 */
export function useDetailDiscovery(id: string, version: string) {
  const modelVersion = useSyncExternalStore(discoveryStore.subscribe, discoveryStore.getVersion);
  const discovery = useDiscovery(id, version, modelVersion);
  const first = discovery.suggestions[0]?.tag ?? null;
  useEffect(() => {
    discoveryStore.setOffer(first ? { id, tag: first } : null);
    return () => discoveryStore.setOffer(null);
  }, [id, first]);
  return discovery;
}

export function TagSuggestions({
  id,
  suggestions,
  actions,
}: {
  id: string;
  suggestions: ReturnType<typeof useDetailDiscovery>['suggestions'];
  actions: Actions;
}) {
  if (suggestions.length === 0) return null;
  return (
    <div className="tag-suggestions">
      <span className="tag-suggestions-label" id="tag-suggestions-label">
        Suggested
      </span>
      <ul className="tag-suggestion-list" aria-labelledby="tag-suggestions-label">
        {suggestions.map((s, i) => (
          <li key={s.tag}>
            <button
              type="button"
              className="tag-suggestion"
              title={s.because}
              aria-label={`Add suggested tag ${s.tag}: ${s.because}`}
              aria-keyshortcuts={i === 0 ? 'y' : undefined}
              onClick={() => void actions.tagPapers([id], s.tag)}
            >
              + {s.tag}
              {i === 0 && (
                <kbd className="tag-suggestion-key" aria-hidden="true">
                  y
                </kbd>
              )}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RelatedPapers({
  related,
  onOpen,
}: {
  related: ReturnType<typeof useDetailDiscovery>['related'];
  onOpen: (id: string) => void;
}) {
  if (!related || related.length === 0) return null;
  return (
    <section className="detail-section" aria-labelledby="related-heading">
      <h3 id="related-heading" className="section-heading">
        More like this
      </h3>
      <ul className="related-list">
        {related.map((r) => (
          <li key={r.paper.id} className="related-item">
            <button
              type="button"
              className="related-title link-button"
              onClick={() => onOpen(r.paper.id)}
            >
              {r.paper.title}
            </button>
            <span className="related-reason">{r.reasons.join(' · ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
