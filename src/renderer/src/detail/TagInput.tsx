import { useId, useMemo, useState, type Ref } from 'react';
import type { Tag } from '../../../shared/domain';
import { normalizeTagName, sameTagName } from '../lib/tag-name';

interface Option {
  name: string;
  isNew: boolean;
  color: string | null;
}

const MAX_SUGGESTIONS = 8;

/**
 * "Add tag": a combobox (WAI-ARIA 1.2 list autocomplete) over the library's
 * tags. Typing filters and highlights the best match (an exact name first);
 * arrows pick; Enter adds the highlighted tag, Shift+Enter creates the typed
 * text as it is; Escape clears, then leaves the field.
 */
export function TagInput({
  tags,
  applied,
  onAdd,
  onLeave,
  inputRef,
}: {
  tags: readonly Tag[];
  applied: readonly string[];
  onAdd: (name: string) => void;
  onLeave?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [text, setText] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();

  const options = useMemo<Option[]>(() => {
    const query = normalizeTagName(text).toLowerCase();
    const available = tags.filter((t) => !applied.some((a) => sameTagName(a, t.name)));
    const matches = available
      .filter((t) => query === '' || t.name.toLowerCase().includes(query))
      .sort(
        (a, b) =>
          closeness(a.name, query) - closeness(b.name, query) ||
          b.count - a.count ||
          a.name.localeCompare(b.name),
      )
      .slice(0, MAX_SUGGESTIONS)
      .map((t): Option => ({ name: t.name, isNew: false, color: t.color }));
    const exact = tags.some((t) => sameTagName(t.name, query));
    if (query && !exact) matches.push({ name: normalizeTagName(text), isNew: true, color: null });
    return matches;
  }, [tags, applied, text]);

  const showList = isOpen && options.length > 0;
  // While typing, the best match is highlighted without an arrow key, so Enter takes it.
  const current = active >= 0 ? active : showList && text.trim() !== '' ? 0 : -1;

  const add = (name: string) => {
    const clean = normalizeTagName(name);
    if (!clean) return;
    onAdd(clean);
    setText('');
    setActive(-1);
  };

  return (
    <div className="tag-input">
      <input
        ref={inputRef}
        role="combobox"
        aria-label="Add tag"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && current >= 0 ? `${listId}-${current}` : undefined}
        title="Enter adds the highlighted tag; Shift+Enter creates the text as typed"
        placeholder="Add tag…"
        maxLength={100}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setIsOpen(true);
          setActive(-1);
        }}
        onFocus={() => setIsOpen(true)}
        onBlur={() => setIsOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setIsOpen(true);
            const step = event.key === 'ArrowDown' ? 1 : -1;
            const from = showList ? current : -1;
            setActive(options.length === 0 ? -1 : (from + step + options.length) % options.length);
          } else if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) add(text);
            else if (showList && current >= 0) add(options[current].name);
            else add(text);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            if (text || showList) {
              setText('');
              setIsOpen(false);
            } else {
              onLeave?.();
            }
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Tag suggestions"
        className="tag-suggestions"
        hidden={!showList}
      >
        {options.map((option, i) => (
          <li
            key={`${option.isNew ? 'new' : 'tag'}:${option.name}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className="tag-suggestion"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => add(option.name)}
          >
            {option.isNew ? (
              <>Create tag “{option.name}”</>
            ) : (
              <>
                <span
                  className="tag-dot"
                  style={{ background: option.color ?? undefined }}
                  aria-hidden="true"
                />
                {option.name}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An exact name first, then names that start with the text, then names that contain it. */
function closeness(name: string, query: string): number {
  const lower = name.toLowerCase();
  if (lower === query) return 0;
  if (lower.startsWith(query)) return 1;
  // A nested tag whose last part is the text (`llm/inference` for `inference`) is nearly exact.
  if (lower.endsWith(`/${query}`)) return 1;
  return 2;
}
