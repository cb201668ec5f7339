import { useEffect, useId, useState } from 'react';
import type { ReadingStats } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { formatShortDay, plural, truncate } from '../lib/format';
import { useStores } from '../state/stores';
import { Dialog } from '../ui/Dialog';
import { FieldError } from '../ui/FieldError';

const WEEKS = 12;

/**
 * "Your reading": papers moved to Read per week over the last 12 weeks, and the
 * biggest tags, as small SVG charts in the theme's colours. Each chart has a
 * one-line summary as its accessible name and its numbers in a table that screen
 * readers reach (the bars are not the only way to the figures).
 */
export function ReadingDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { backend } = useStores();
  const [stats, setStats] = useState<ReadingStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let isActive = true;
    backend.api.getReadingStats({ weeks: WEEKS }).then(
      (next) => isActive && setStats(next),
      (reason: unknown) => isActive && setError(errorMessage(reason)),
    );
    return () => {
      isActive = false;
    };
  }, [open, backend]);

  return (
    <Dialog title="Your reading" open={open} onClose={onClose}>
      <div className="dialog-form reading-stats">
        <FieldError error={error} />
        {!stats && !error && <p className="field-hint">Loading…</p>}
        {stats && (
          <>
            <WeeklyChart weeks={stats.weeks} />
            <TagChart tags={stats.topTags} />
            <p className="field-hint">
              {plural(stats.readTotal, 'paper')} in Read. A paper counts in the week it was last
              moved to Read.
            </p>
          </>
        )}
      </div>
    </Dialog>
  );
}

const monthDay = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `Nov 16`: a week's Monday on the chart's axis. */
function tick(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : monthDay.format(date);
}

const CHART_W = 360;
const CHART_H = 120;
const AXIS_H = 18;

function WeeklyChart({ weeks }: { weeks: ReadingStats['weeks'] }) {
  const headingId = useId();
  const total = weeks.reduce((sum, w) => sum + w.read, 0);
  const best = weeks.reduce((a, b) => (b.read > a.read ? b : a), weeks[0]);
  const max = Math.max(1, best.read);
  const slot = CHART_W / weeks.length;
  const barW = Math.max(4, slot - 6);
  const summary =
    total === 0
      ? `No papers moved to Read in the last ${weeks.length} weeks`
      : `${plural(total, 'paper')} moved to Read in the last ${weeks.length} weeks; the most, ${best.read}, in the week of ${formatShortDay(best.start)}`;
  return (
    <section className="reading-chart" aria-labelledby={headingId}>
      <h3 id={headingId}>Read per week</h3>
      <svg
        viewBox={`0 0 ${CHART_W} ${CHART_H + AXIS_H}`}
        role="img"
        aria-label={summary}
        className="reading-bars"
      >
        <line x1={0} x2={CHART_W} y1={CHART_H} y2={CHART_H} className="reading-axis" />
        {weeks.map((w, i) => {
          const h = Math.round((w.read / max) * (CHART_H - 14));
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={w.start}>
              <title>{`Week of ${formatShortDay(w.start)}: ${plural(w.read, 'paper')}`}</title>
              <rect x={x} y={CHART_H - h} width={barW} height={Math.max(h, 0)} rx={2} />
              {w.read > 0 && (
                <text x={x + barW / 2} y={CHART_H - h - 3} textAnchor="middle">
                  {w.read}
                </text>
              )}
              {i % 4 === 0 && (
                <text x={x} y={CHART_H + 13} className="reading-tick">
                  {tick(w.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>Papers moved to Read, per week</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Papers</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.start}>
              <td>{formatShortDay(w.start)}</td>
              <td>{w.read}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const ROW_H = 22;
const LABEL_W = 130;

function TagChart({ tags }: { tags: ReadingStats['topTags'] }) {
  const headingId = useId();
  if (tags.length === 0) {
    return (
      <section className="reading-chart" aria-labelledby={headingId}>
        <h3 id={headingId}>Top tags</h3>
        <p className="field-hint">No tags yet: tag papers (t) to see them here.</p>
      </section>
    );
  }
  const max = Math.max(1, ...tags.map((t) => t.count));
  const height = tags.length * ROW_H;
  const room = CHART_W - LABEL_W - 40;
  const summary = `Top tags: ${tags
    .slice(0, 3)
    .map((t) => `${t.name} (${t.count})`)
    .join(', ')}${tags.length > 3 ? ', …' : ''}`;
  return (
    <section className="reading-chart" aria-labelledby={headingId}>
      <h3 id={headingId}>Top tags</h3>
      <svg
        viewBox={`0 0 ${CHART_W} ${height}`}
        role="img"
        aria-label={summary}
        className="reading-tags"
      >
        {tags.map((t, i) => {
          const w = Math.max(2, Math.round((t.count / max) * room));
          const y = i * ROW_H;
          return (
            <g key={t.name}>
              <title>{`${t.name}: ${plural(t.count, 'paper')}`}</title>
              <text x={LABEL_W - 8} y={y + 15} textAnchor="end" className="reading-label">
                {truncate(t.name, 18)}
              </text>
              <rect x={LABEL_W} y={y + 4} width={w} height={ROW_H - 8} rx={2} />
              <text x={LABEL_W + w + 6} y={y + 15}>
                {t.count}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>Papers per tag</caption>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Papers</th>
          </tr>
        </thead>
        <tbody>
          {tags.map((t) => (
            <tr key={t.name}>
              <td>{t.name}</td>
              <td>{t.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
