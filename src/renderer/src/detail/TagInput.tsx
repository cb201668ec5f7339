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
 * tags. Typing filters; arrows pick; Enter adds the picked tag or creates the
 * typed one; Escape clears, then leaves the field.
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
      .sort((a, b) => {
        const aStarts = a.name.toLowerCase().startsWith(query) ? 0 : 1;
        const bStarts = b.name.toLowerCase().startsWith(query) ? 0 : 1;
        return aStarts - bStarts || b.count - a.count || a.name.localeCompare(b.name);
      })
      .slice(0, MAX_SUGGESTIONS)
      .map((t): Option => ({ name: t.name, isNew: false, color: t.color }));
    const exact = tags.some((t) => sameTagName(t.name, query));
    if (query && !exact) matches.push({ name: normalizeTagName(text), isNew: true, color: null });
    return matches;
  }, [tags, applied, text]);

  const showList = isOpen && options.length > 0;

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
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
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
            setActive((i) =>
              options.length === 0 ? -1 : (i + step + options.length) % options.length,
            );
          } else if (event.key === 'Enter') {
            event.preventDefault();
            if (showList && active >= 0) add(options[active].name);
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
            aria-selected={i === active}
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
