/**
 * Every keyboard binding, written once: the key handler dispatches from this
 * table and the `?` overlay lists it, so the two can never disagree.
 */
export type Action =
  | 'next'
  | 'previous'
  | 'extendNext'
  | 'extendPrevious'
  | 'first'
  | 'last'
  | 'selectAll'
  | 'open'
  | 'back'
  | 'search'
  | 'status:inbox'
  | 'status:toread'
  | 'status:reading'
  | 'status:read'
  | 'status:archived'
  | 'star'
  | 'archiveRest'
  | 'undo'
  | 'redo'
  | 'tag'
  | 'acceptTag'
  | 'note'
  | 'openArxiv'
  | 'cite'
  | 'toggleSidebar'
  | 'help';

export interface Binding {
  action: Action;
  /** Key names as produced by {@link keyName}. */
  keys: string[];
  description: string;
  group: 'Move' | 'Triage' | 'Paper' | 'App';
}

export const BINDINGS: Binding[] = [
  { action: 'next', keys: ['j', 'ArrowDown'], description: 'Next paper', group: 'Move' },
  { action: 'previous', keys: ['k', 'ArrowUp'], description: 'Previous paper', group: 'Move' },
  {
    action: 'extendNext',
    keys: ['J', 'Shift+ArrowDown'],
    description: 'Extend the selection down',
    group: 'Move',
  },
  {
    action: 'extendPrevious',
    keys: ['K', 'Shift+ArrowUp'],
    description: 'Extend the selection up',
    group: 'Move',
  },
  { action: 'first', keys: ['Home'], description: 'First paper', group: 'Move' },
  { action: 'last', keys: ['End'], description: 'Last paper', group: 'Move' },
  {
    action: 'selectAll',
    keys: ['Mod+a'],
    description: 'Select every paper in the list',
    group: 'Move',
  },
  {
    action: 'open',
    keys: ['Enter'],
    description: 'Open the paper (move into its details)',
    group: 'Move',
  },
  {
    action: 'back',
    keys: ['Escape'],
    description: 'Back: leave a field or the details, clear search or selection',
    group: 'Move',
  },
  { action: 'status:inbox', keys: ['1'], description: 'Move to Inbox', group: 'Triage' },
  { action: 'status:toread', keys: ['2'], description: 'Move to To read', group: 'Triage' },
  { action: 'status:reading', keys: ['3'], description: 'Move to Reading', group: 'Triage' },
  { action: 'status:read', keys: ['4'], description: 'Mark as Read', group: 'Triage' },
  { action: 'status:archived', keys: ['5', 'e'], description: 'Archive', group: 'Triage' },
  { action: 'star', keys: ['s'], description: 'Star or unstar', group: 'Triage' },
  {
    action: 'archiveRest',
    keys: ['A'],
    description: 'Today: archive the rest (not picks, not rising)',
    group: 'Triage',
  },
  {
    action: 'undo',
    keys: ['u', 'Mod+z'],
    description: 'Undo the last change (again for the one before)',
    group: 'Triage',
  },
  { action: 'redo', keys: ['Mod+Shift+z', 'Ctrl+y'], description: 'Redo', group: 'Triage' },
  { action: 'tag', keys: ['t'], description: 'Add a tag', group: 'Paper' },
  {
    action: 'acceptTag',
    keys: ['y'],
    description: 'Add the first suggested tag',
    group: 'Paper',
  },
  { action: 'note', keys: ['n'], description: 'Write in the note', group: 'Paper' },
  {
    action: 'openArxiv',
    keys: ['o'],
    description: 'Open on arXiv (in the browser)',
    group: 'Paper',
  },
  {
    action: 'cite',
    keys: ['c'],
    description: 'Copy a citation (the style last chosen under Cite)',
    group: 'Paper',
  },
  { action: 'search', keys: ['/'], description: 'Search', group: 'App' },
  { action: 'toggleSidebar', keys: ['b'], description: 'Show or hide the sidebar', group: 'App' },
  { action: 'help', keys: ['?'], description: 'Show keyboard shortcuts', group: 'App' },
];

/** The parts of a KeyboardEvent that name a key (this module stays free of DOM types). */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const BY_KEY = new Map<string, Action>(
  BINDINGS.flatMap((binding) => binding.keys.map((key) => [key, binding.action] as const)),
);

/**
 * A stable name for a key press: printable characters as typed (`j`, `J`, `?`),
 * other keys by name with a Shift prefix when held. Presses with Ctrl, Cmd or
 * Alt belong to the browser and the OS, except select-all (`Mod+a`: Ctrl+A, or
 * Cmd+A on a Mac), which in the list means its papers rather than the page's
 * text, and undo/redo (`Mod+z`, `Mod+Shift+z`, `Ctrl+y`), which outside a text
 * field mean the reader's changes. (In a field they stay the field's own.)
 */
export function keyName(event: KeyPress): string | null {
  const isMod = event.ctrlKey || event.metaKey;
  if (isMod && !event.altKey) {
    const key = event.key.toLowerCase();
    if (key === 'a' && !event.shiftKey) return 'Mod+a';
    if (key === 'z') return event.shiftKey ? 'Mod+Shift+z' : 'Mod+z';
    if (key === 'y' && event.ctrlKey && !event.metaKey && !event.shiftKey) return 'Ctrl+y';
  }
  if (isMod || event.altKey) return null;
  if (event.key.length === 1) return event.key;
  return event.shiftKey ? `Shift+${event.key}` : event.key;
}

export function actionFor(event: KeyPress): Action | null {
  const name = keyName(event);
  return name ? (BY_KEY.get(name) ?? null) : null;
}

/** How a key is shown in the overlay. */
export function keyLabel(key: string): string {
  const names: Record<string, string> = {
    ArrowDown: '↓',
    ArrowUp: '↑',
    'Shift+ArrowDown': '⇧ ↓',
    'Shift+ArrowUp': '⇧ ↑',
    Escape: 'Esc',
    Enter: 'Enter',
    J: '⇧ J',
    K: '⇧ K',
    'Mod+a': 'Ctrl/⌘ A',
    'Mod+z': 'Ctrl/⌘ Z',
    'Mod+Shift+z': 'Ctrl/⌘ ⇧ Z',
    'Ctrl+y': 'Ctrl Y',
  };
  return names[key] ?? key;
}
