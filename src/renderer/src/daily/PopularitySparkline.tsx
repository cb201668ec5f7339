import { useEffect, useState } from 'react';
import type { PopularityPoint } from '../../../shared/api';
import { formatCount } from '../lib/format';
import { useStores } from '../state/stores';

const WIDTH = 96;
const HEIGHT = 22;
const PAD = 3;

/**
 * A paper's upvotes over time as a small inline SVG line, beside its count.
 * Each point's number shows on hover (an SVG title); a screen reader hears a
 * one-line summary and can read every point in the list that follows it.
 * Shown once the history has two points (a paper whose counts never changed
 * has one).
 */
export function PopularitySparkline({ paperId, upvotes }: { paperId: string; upvotes: number }) {
  const { backend } = useStores();
  const [points, setPoints] = useState<{ id: string; list: PopularityPoint[] } | null>(null);
  useEffect(() => {
    let isCurrent = true;
    backend.api.getPopularity({ id: paperId }).then(
      (list) => {
        if (isCurrent) setPoints({ id: paperId, list });
      },
      () => {
        if (isCurrent) setPoints(null);
      },
    );
    return () => {
      isCurrent = false;
    };
    // `upvotes` re-reads the history when a sync changed the count.
  }, [backend, paperId, upvotes]);

  const list = points?.id === paperId ? points.list : [];
  if (list.length < 2) return null;
  const times = list.map((p) => Date.parse(p.at));
  const first = times[0];
  const span = Math.max(1, times[times.length - 1] - first);
  const values = list.map((p) => p.upvotes);
  const low = Math.min(...values);
  const range = Math.max(1, Math.max(...values) - low);
  const xy = list.map((p, i) => ({
    x: PAD + ((times[i] - first) / span) * (WIDTH - 2 * PAD),
    y: HEIGHT - PAD - ((p.upvotes - low) / range) * (HEIGHT - 2 * PAD),
    label: `${formatCount(p.upvotes)} upvotes on ${formatWhen(p.at)}`,
  }));
  const summary = `Upvotes over time: from ${formatCount(values[0])} on ${formatWhen(list[0].at)} to ${formatCount(values[values.length - 1])} on ${formatWhen(list[list.length - 1].at)}`;
  return (
    <span className="sparkline">
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        data-testid="popularity-sparkline"
      >
        <polyline
          className="sparkline-line"
          fill="none"
          points={xy.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
        />
        {xy.map((p, i) => (
          <circle key={i} className="sparkline-point" cx={p.x} cy={p.y} r={2.25}>
            <title>{p.label}</title>
          </circle>
        ))}
      </svg>
      <ul className="visually-hidden" aria-label="Upvotes over time">
        {xy.map((p, i) => (
          <li key={i}>{p.label}</li>
        ))}
      </ul>
    </span>
  );
}

function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}
