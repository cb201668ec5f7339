import { useEffect, useState } from 'react';
import type { DayCount } from '../../../shared/domain';
import { formatPeriod, monthOf, weekOf } from '../../../shared/featured-period';
import { errorMessage } from '../lib/errors';
import { formatCount, formatDay, formatMonth, formatShortDay, plural } from '../lib/format';
import { useStores } from '../state/stores';
import { Dialog } from '../ui/Dialog';

interface Week {
  from: string;
  to: string;
  days: DayCount[];
}

interface Month {
  from: string;
  to: string;
  weeks: Week[];
  dayCount: number;
}

/** Featured days (newest first) grouped into months, and each month into its weeks. */
function groupDays(days: DayCount[]): Month[] {
  const months: Month[] = [];
  for (const day of days) {
    const month = monthOf(day.day);
    let m = months.at(-1);
    if (!m || m.from !== month.from) {
      m = { ...month, weeks: [], dayCount: 0 };
      months.push(m);
    }
    const week = weekOf(day.day);
    let w = m.weeks.at(-1);
    if (!w || w.from !== week.from) {
      w = { ...week, days: [] };
      m.weeks.push(w);
    }
    w.days.push(day);
    m.dayCount += 1;
  }
  return months;
}

/**
 * "All days": every featured day, by month and week, like the Hugging Face
 * site's day, week and month pages. Picking a day, a week or a month opens it
 * as the list; a date field jumps to any day.
 */
export function DaysDialog({
  open,
  onClose,
  onOpenPeriod,
}: {
  open: boolean;
  onClose: () => void;
  /** A day (`2025-11-14`) or a range (`2025-11-10..2025-11-16`). */
  onOpenPeriod: (period: string) => void;
}) {
  const { backend } = useStores();
  const [days, setDays] = useState<DayCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [date, setDate] = useState('');

  useEffect(() => {
    if (!open) return;
    let isCurrent = true;
    backend.api
      .listFeaturedDays({})
      .then((list) => {
        if (isCurrent) setDays(list);
      })
      .catch((e: unknown) => {
        if (isCurrent) setError(errorMessage(e));
      });
    return () => {
      isCurrent = false;
    };
  }, [open, backend]);

  const pick = (period: string) => {
    onOpenPeriod(period);
    onClose();
  };
  const months = days ? groupDays(days) : [];

  return (
    <Dialog title="All days" open={open} onClose={onClose} className="days-dialog">
      <form
        className="days-jump"
        onSubmit={(event) => {
          event.preventDefault();
          if (date) pick(date);
        }}
      >
        <label>
          Go to a day
          <input
            type="date"
            value={date}
            min={days?.at(-1)?.day}
            max={days?.[0]?.day}
            onChange={(event) => setDate(event.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!date}>
          Open
        </button>
      </form>
      {error && (
        <p role="alert" className="dialog-text">
          Could not list the days: {error}
        </p>
      )}
      {days && days.length === 0 && (
        <p className="dialog-text">No featured days yet: sync first.</p>
      )}
      <div className="days-months" aria-busy={days === null}>
        {months.map((month) => (
          <section key={month.from} className="days-month" aria-label={formatMonth(month.from)}>
            <button
              type="button"
              className="days-month-button"
              onClick={() => pick(formatPeriod(month))}
            >
              {formatMonth(month.from)}
              <span className="days-meta">{plural(month.dayCount, 'day')}</span>
            </button>
            {month.weeks.map((week) => (
              <div key={week.from} className="days-week">
                <button
                  type="button"
                  className="link-button days-week-button"
                  onClick={() => pick(formatPeriod(week))}
                >
                  Week of {formatDay(week.from)}
                </button>
                <ul className="days-list">
                  {week.days.map(({ day, count }) => (
                    <li key={day}>
                      <button
                        type="button"
                        className="days-day"
                        aria-label={`${formatDay(day)}, ${plural(count, 'paper')}`}
                        onClick={() => pick(day)}
                      >
                        {formatShortDay(day)}
                        <span className="days-meta">{formatCount(count)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </div>
    </Dialog>
  );
}
