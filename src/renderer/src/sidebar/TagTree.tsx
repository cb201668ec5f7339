import { useState } from 'react';
import { NameField } from './NameField';
import { TAG_COLORS, type Tag } from '../../../shared/domain';
import { formatCount, plural } from '../lib/format';
import { buildTagTree, type TagNode } from '../lib/tag-tree';
import { normalizeTagName, sameTagName } from '../lib/tag-name';
import type { Actions } from '../state/actions';
import type { Route } from '../state/route';
import { Dialog } from '../ui/Dialog';
import { Icon } from '../ui/Icon';
import { MenuButton } from '../ui/Menu';
import { toasts } from '../ui/toasts';
import { errorMessage } from '../lib/errors';

interface PendingMerge {
  from: Tag;
  into: Tag;
  name: string;
}

/** Tags with counts and colours, nested by `parent/child`, each with rename, recolour and delete. */
export function TagTree({
  tags,
  route,
  onNavigate,
  actions,
}: {
  tags: Tag[];
  route: Route;
  onNavigate: (change: Partial<Route>) => void;
  actions: Actions;
}) {
  const [renaming, setRenaming] = useState<number | null>(null);
  const [isCreating, setIsCreating] = useState(false);
  const [merge, setMerge] = useState<PendingMerge | null>(null);
  const tree = buildTagTree(tags);

  const commitRename = (tag: Tag, raw: string) => {
    setRenaming(null);
    const name = normalizeTagName(raw);
    if (!name || name === tag.name) return;
    const other = tags.find((t) => t.id !== tag.id && sameTagName(t.name, name));
    if (other) setMerge({ from: tag, into: other, name });
    else {
      void actions.renameTag(tag, name).then((ok) => {
        if (ok && route.tag && sameTagName(route.tag, tag.name)) onNavigate({ tag: name });
      });
    }
  };

  const createTag = (raw: string) => {
    setIsCreating(false);
    const name = normalizeTagName(raw);
    if (!name) return;
    actions
      .createTag(name)
      .catch((error: unknown) =>
        toasts.error(`Could not create “${name}”: ${errorMessage(error)}`),
      );
  };

  const renderNode = (node: TagNode) => {
    const tag = node.tag;
    const isCurrent = route.tag !== null && sameTagName(route.tag, node.path);
    return (
      <li key={node.path}>
        {tag && renaming === tag.id ? (
          <RenameField
            tag={tag}
            onCommit={(name) => commitRename(tag, name)}
            onCancel={() => setRenaming(null)}
          />
        ) : (
          <div className="nav-row">
            <button
              type="button"
              className="nav-item"
              aria-current={isCurrent ? 'page' : undefined}
              onClick={() => onNavigate({ view: 'all', tag: node.path, day: null })}
            >
              <span
                className="tag-dot"
                style={{ background: tag?.color ?? 'transparent' }}
                data-virtual={tag ? undefined : 'true'}
                aria-hidden="true"
              />
              <span className="nav-label">{node.label}</span>
              {tag && <span className="nav-count">{formatCount(tag.count)}</span>}
            </button>
            {tag && (
              <MenuButton
                label={`Actions for tag ${tag.name}`}
                className="icon-button nav-row-menu"
                icon={<Icon name="more" />}
                items={[
                  { label: 'Rename…', onSelect: () => setRenaming(tag.id) },
                  { label: 'Delete', danger: true, onSelect: () => void actions.deleteTag(tag) },
                ]}
                swatchesLabel="Colour"
                swatches={TAG_COLORS.map((color) => ({
                  color,
                  label: `Colour ${color}`,
                  isChecked: color.toLowerCase() === tag.color.toLowerCase(),
                  onSelect: () => void actions.recolorTag(tag, color),
                }))}
              />
            )}
          </div>
        )}
        {node.children.length > 0 && (
          <ul className="nav-list nested">{node.children.map(renderNode)}</ul>
        )}
      </li>
    );
  };

  return (
    <section className="nav-section" aria-labelledby="tags-heading">
      <div className="nav-heading-row">
        <h2 id="tags-heading" className="nav-heading">
          Tags
        </h2>
        <button
          type="button"
          className="icon-button small"
          aria-label="New tag"
          title="New tag"
          onClick={() => setIsCreating(true)}
        >
          <Icon name="plus" size={14} />
        </button>
      </div>
      {isCreating && (
        <NameField
          label="New tag name"
          initial=""
          onCommit={createTag}
          onCancel={() => setIsCreating(false)}
        />
      )}
      {tree.length === 0 && !isCreating ? (
        <p className="nav-empty">No tags yet. Press T on a paper to add one.</p>
      ) : (
        <ul className="nav-list">{tree.map(renderNode)}</ul>
      )}
      <Dialog title="Merge tags?" open={merge !== null} onClose={() => setMerge(null)}>
        {merge && (
          <>
            <p className="dialog-text">
              A tag named “{merge.into.name}” already exists. Merging moves{' '}
              {plural(merge.from.count, 'paper')} from “{merge.from.name}” to “{merge.into.name}”
              and removes “{merge.from.name}”.
            </p>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setMerge(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  const pending = merge;
                  setMerge(null);
                  void actions.renameTag(pending.from, pending.name).then((ok) => {
                    if (ok && route.tag && sameTagName(route.tag, pending.from.name)) {
                      onNavigate({ tag: pending.into.name });
                    }
                  });
                }}
              >
                Merge
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}

function RenameField({
  tag,
  onCommit,
  onCancel,
}: {
  tag: Tag;
  onCommit: (name: string) => void;
  onCancel: () => void;
}) {
  return <NameField label="Tag name" initial={tag.name} onCommit={onCommit} onCancel={onCancel} />;
}
