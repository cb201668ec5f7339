/**
 * Papers a note links to that the library does not have: each can be added
 * (looked up by id, like Add paper). A click on such a link in the note brings
 * the focus here rather than adding it at once.
 */
export function MissingPapers({
  ids,
  adding,
  onAdd,
}: {
  ids: string[];
  adding: string | null;
  onAdd: (id: string) => void;
}) {
  return (
    <div className="note-missing" role="group" aria-label="Linked papers not in your library">
      <span className="note-missing-label">Not in your library:</span>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <span className="note-missing-id">{id}</span>{' '}
            <button
              type="button"
              className="link-button"
              disabled={adding !== null}
              aria-label={`Add ${id} to library`}
              data-add-paper={id}
              onClick={() => onAdd(id)}
            >
              {adding === id ? 'Adding…' : 'Add to library'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
