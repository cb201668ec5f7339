import { READING_STATUSES, STATUS_LABELS, type ReadingStatus } from '../../../shared/domain';
import { Icon } from '../ui/Icon';

/** The status select (label "Status") and the star toggle, for one paper or a selection. */
export function StatusControls({
  status,
  starred,
  onStatus,
  onStar,
}: {
  /** null for a mixed selection. */
  status: ReadingStatus | null;
  starred: boolean | null;
  onStatus: (status: ReadingStatus) => void;
  onStar: (starred: boolean) => void;
}) {
  return (
    <div className="status-controls">
      <label className="status-select">
        <span className="visually-hidden">Status</span>
        <select
          aria-label="Status"
          value={status ?? ''}
          onChange={(event) => {
            if (event.target.value) onStatus(event.target.value as ReadingStatus);
          }}
        >
          {status === null && (
            <option value="" disabled>
              Set status…
            </option>
          )}
          {READING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className={starred ? 'button star-button is-starred' : 'button star-button'}
        aria-pressed={starred ?? false}
        onClick={() => onStar(!starred)}
      >
        <Icon name="star" size={14} filled={starred ?? false} />
        {starred ? 'Starred' : 'Star'}
      </button>
    </div>
  );
}
