/**
 * A small set of line icons (24-unit grid, drawn with the current text colour).
 * Decorative by default: the control around an icon carries the accessible name.
 */
const PATHS = {
  inbox: 'M3 13h5l1.5 3h5L16 13h5M5.5 5h13L21 13v6H3v-6z',
  bookmark: 'M6 3h12v18l-6-4-6 4z',
  reading: 'M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3zM21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z',
  check: 'M20 6 9 17l-5-5',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  sparkle:
    'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 16l.7 1.8 1.8.7-1.8.7L19 21l-.7-1.8-1.8-.7 1.8-.7z',
  star: 'm12 3 2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3 6.4 20.2l1.1-6.2L3 9.6l6.2-.9z',
  all: 'M12 3 3 8l9 5 9-5zM3 12.5l9 5 9-5M3 17l9 5 9-5',
  tag: 'M3 3h8l10 10-8 8L3 11zM7.5 7.5h.01',
  calendar: 'M4 5h16v16H4zM4 10h16M9 3v4M15 3v4',
  sync: 'M21 12a9 9 0 0 1-15.5 6.2L3 16M3 12a9 9 0 0 1 15.5-6.2L21 8M21 3v5h-5M3 21v-5h5',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5',
  sun: 'M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM12 1v2M12 21v2M4.2 4.2l1.4 1.4M18.4 18.4l1.4 1.4M1 12h2M21 12h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4',
  moon: 'M21 12.8A9 9 0 1 1 11.2 3 7 7 0 0 0 21 12.8z',
  system: 'M3 4h18v12H3zM8 20h8M12 16v4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  close: 'M18 6 6 18M6 6l12 12',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  upvote: 'M12 6.5 18.5 16h-13z',
  comment: 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z',
  code: 'm8 7-5 5 5 5M16 7l5 5-5 5',
  file: 'M14 3H6v18h12V7zM14 3v4h4M9 13h6M9 17h6',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3a14 14 0 0 1 0 18 14 14 0 0 1 0-18z',
  plus: 'M12 5v14M5 12h14',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  note: 'M4 4h16v12l-4 4H4zM16 20v-4h4M8 9h8M8 13h5',
  offline:
    'M2 2l20 20M8.5 16.5a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 4.7-2.6M19 12.5a10 10 0 0 0-2.3-1.6M1.5 9a15 15 0 0 1 4.4-2.8M22.5 9a15 15 0 0 0-11-4M12 20h.01',
  chevron: 'm9 6 6 6-6 6',
  warning: 'M12 3 2 20h20zM12 10v4M12 17h.01',
  sidebar: 'M3 4h18v16H3zM9 4v16',
  quote:
    'M7 7h4v6H5V9a2 2 0 0 1 2-2zM7 13c0 2-1 3-2 4M15 7h4v6h-6V9a2 2 0 0 1 2-2zM15 13c0 2-1 3-2 4',
  help: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({
  name,
  size = 16,
  className,
  filled = false,
}: {
  name: IconName;
  size?: number;
  className?: string;
  filled?: boolean;
}) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
