import type { Backlink } from '../../../shared/domain';

/**
 * "Linked from": every paper whose note links to this one, with the sentence
 * around the link. Each title opens that paper in the details.
 */
export function LinkedFrom({
  backlinks,
  onOpen,
}: {
  backlinks: Backlink[];
  onOpen?: (id: string) => void;
}) {
  if (backlinks.length === 0) return null;
  return (
    <section className="detail-section linked-from" aria-labelledby="linked-from-heading">
      <h3 id="linked-from-heading" className="section-heading">
        Linked from
      </h3>
      <ul className="linked-from-list" aria-label="Notes that link here">
        {backlinks.map((b) => (
          <li key={b.id}>
            {onOpen ? (
              <button
                type="button"
                className="link-button linked-from-title"
                onClick={() => onOpen(b.id)}
              >
                {b.title}
              </button>
            ) : (
              <span className="linked-from-title">{b.title}</span>
            )}
            {b.context && <p className="linked-from-context">{b.context}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
