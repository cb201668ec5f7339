import { useRef, useState } from 'react';

/**
 * A vertical divider between two panes that drags (pointer) or steps (arrow
 * keys, Shift for bigger steps, Home/End for the limits; double-click resets).
 * `value` is the width of the pane on its left, in pixels; `left` is where the
 * divider sits in the window.
 */
export function PaneSeparator({
  label,
  controls,
  left,
  value,
  min,
  max,
  onChange,
  onCommit,
  onReset,
}: {
  label: string;
  /** The id of the pane it resizes. */
  controls: string;
  left: number;
  value: number;
  min: number;
  max: number;
  /** A new width while dragging or stepping (not yet kept). */
  onChange: (width: number) => void;
  /** The drag or step is over: keep the width. */
  onCommit: () => void;
  onReset: () => void;
}) {
  const [isDragging, setIsDragging] = useState(false);
  // Where the pointer went down, and the width then: the drag moves the width by the pointer's travel.
  const dragStart = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      className={`pane-separator${isDragging ? ' is-dragging' : ''}`}
      style={{ left: left - 4 }}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      aria-valuetext={`${Math.round(value)} pixels`}
      tabIndex={0}
      title="Drag to resize (double-click to reset)"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        dragStart.current = { x: event.clientX, width: value };
        setIsDragging(true);
      }}
      onPointerMove={(event) => {
        const start = dragStart.current;
        if (!start) return;
        onChange(start.width + event.clientX - start.x);
      }}
      onPointerUp={(event) => {
        if (!dragStart.current) return;
        event.currentTarget.releasePointerCapture(event.pointerId);
        dragStart.current = null;
        setIsDragging(false);
        onCommit();
      }}
      onDoubleClick={onReset}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 64 : 16;
        const moves: Record<string, number> = {
          ArrowLeft: value - step,
          ArrowRight: value + step,
          Home: min,
          End: max,
        };
        if (!(event.key in moves)) return;
        // Handled here: the list's own Home/End and arrows must not run too.
        event.preventDefault();
        event.stopPropagation();
        onChange(moves[event.key]);
        onCommit();
      }}
    />
  );
}
