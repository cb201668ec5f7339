import { useCallback, useEffect, useState } from 'react';
import type { Counts, PaperPage } from '../../shared/api';
import { VIEWS, VIEW_LABELS, type Paper, type View } from '../../shared/domain';
import { getBackend } from './api/client';

/** A first, small reader: views with counts, the papers of a view, one paper's details. */
export function App() {
  const { api, subscribe } = getBackend();
  const [view, setView] = useState<View>('inbox');
  const [counts, setCounts] = useState<Counts | null>(null);
  const [page, setPage] = useState<PaperPage | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [paper, setPaper] = useState<Paper | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.getCounts({}).then(setCounts, (e: Error) => setError(e.message));
    api.listPapers({ view, limit: 500 }).then(setPage, (e: Error) => setError(e.message));
  }, [api, view]);

  useEffect(refresh, [refresh]);
  useEffect(() => subscribe(() => refresh()), [subscribe, refresh]);
  useEffect(() => {
    if (selected) api.getPaper({ id: selected }).then(setPaper, (e: Error) => setError(e.message));
  }, [api, selected, counts]);
  const shown = selected && paper?.id === selected ? paper : null;

  return (
    <div className="app">
      <nav aria-label="Library" className="sidebar">
        <h1>Papershelf</h1>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <button
                type="button"
                aria-current={v === view ? 'page' : undefined}
                onClick={() => setView(v)}
              >
                <span>{VIEW_LABELS[v]}</span>
                <span className="count">{counts?.views[v] ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="list">
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <ul aria-label="Papers">
          {page?.papers.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                aria-current={p.id === selected ? 'true' : undefined}
                onClick={() => setSelected(p.id)}
              >
                <span className="title">{p.title}</span>
                <span className="meta">
                  {p.authors.slice(0, 3).join(', ')}
                  {p.authors.length > 3 ? ' et al.' : ''} · {p.lastFeaturedDay ?? ''} · ▲{' '}
                  {p.upvotes}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {page && page.papers.length === 0 && (
          <p className="empty">No papers in {VIEW_LABELS[view]}.</p>
        )}
      </main>
      <section aria-label="Paper details" className="detail">
        {shown ? (
          <article>
            <h2>{shown.title}</h2>
            <p className="authors">
              {shown.authors
                .filter((a) => !a.hidden)
                .map((a) => a.name)
                .join(', ')}
            </p>
            <label>
              Status{' '}
              <select
                value={shown.status}
                onChange={(e) =>
                  void api
                    .setStatus({ ids: [shown.id], status: e.target.value as Paper['status'] })
                    .catch((err: Error) => setError(err.message))
                }
              >
                {VIEWS.slice(0, 5).map((s) => (
                  <option key={s} value={s}>
                    {VIEW_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <p className="abstract">{shown.abstract}</p>
          </article>
        ) : (
          <p className="empty">Select a paper to see its details.</p>
        )}
      </section>
    </div>
  );
}
