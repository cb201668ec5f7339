import type { TextRange } from '../../../shared/api';

/**
 * Text with its matches marked. Ranges are [start, end) offsets from the search
 * service; anything out of bounds is clipped. Rendered as text nodes and
 * <mark>, never as HTML.
 */
export function Highlighted({ text, ranges }: { text: string; ranges?: readonly TextRange[] }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of ranges) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.max(start, Math.min(rawEnd, text.length));
    if (start > at) parts.push(text.slice(at, start));
    if (end > start) parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
