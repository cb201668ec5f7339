import { useRef, useState, type ReactNode } from 'react';

const DEFAULT_RATIO = 0.62;
const MIN = 0.25;
const MAX = 0.85;

function storedRatio(key: string): number {
  const value = Number(localStorage.getItem(key));
  return Number.isFinite(value) && value >= MIN && value <= MAX ? value : DEFAULT_RATIO;
}

/**
 * Two panes side by side with a divider that drags (pointer) or steps (arrow
 * keys; Shift for bigger steps; Home/End; double-click resets). The ratio is
 * remembered on this computer.
 */
export function SplitView({
  start,
  end,
  storageKey,
  label,
}: {
  start: ReactNode;
  end: ReactNode;
  storageKey: string;
  /** What the divider resizes, for screen readers. */
  label: string;
}) {
  const [ratio, setRatio] = useState(() => storedRatio(storageKey));
  const [isDragging, setIsDragging] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const apply = (next: number, persist: boolean) => {
    const clamped = Math.min(MAX, Math.max(MIN, next));
    setRatio(clamped);
    if (persist) localStorage.setItem(storageKey, String(clamped));
  };

  return (
    <div
      ref={rootRef}
      className={`split-view${isDragging ? ' is-dragging' : ''}`}
      style={{ gridTemplateColumns: `minmax(0, ${ratio * 100}%) 8px minmax(0, 1fr)` }}
    >
      <div className="split-pane">{start}</div>
      <div
        className="split-divider"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={Math.round(MIN * 100)}
        aria-valuemax={Math.round(MAX * 100)}
        aria-valuenow={Math.round(ratio * 100)}
        tabIndex={0}
        title="Drag to resize (double-click to reset)"
        onPointerDown={(event) => {
          event.preventDefault();
          event.currentTarget.setPointerCapture(event.pointerId);
          setIsDragging(true);
        }}
        onPointerMove={(event) => {
          if (!isDragging || !rootRef.current) return;
          const rect = rootRef.current.getBoundingClientRect();
          apply((event.clientX - rect.left) / rect.width, false);
        }}
        onPointerUp={(event) => {
          if (!isDragging) return;
          event.currentTarget.releasePointerCapture(event.pointerId);
          setIsDragging(false);
          apply(ratio, true);
        }}
        onDoubleClick={() => apply(DEFAULT_RATIO, true)}
        onKeyDown={(event) => {
          const step = event.shiftKey ? 0.1 : 0.02;
          const moves: Record<string, number> = {
            ArrowLeft: ratio - step,
            ArrowRight: ratio + step,
            Home: MIN,
            End: MAX,
          };
          if (!(event.key in moves)) return;
          event.preventDefault();
          event.stopPropagation();
          apply(moves[event.key], true);
        }}
      />
      <div className="split-pane">{end}</div>
    </div>
  );
}
