import type { Tag } from '../../../shared/domain';

/**
 * Tags named `parent/child` shown as a tree. A parent that is not a tag of its
 * own (only `ml/pruning` exists) still gets a node, so its children nest and a
 * click on it filters by every child (the service matches children).
 */
export interface TagNode {
  /** Full name (`ml/pruning`). */
  path: string;
  /** Last segment (`pruning`). */
  label: string;
  tag: Tag | null;
  children: TagNode[];
}

export function buildTagTree(tags: readonly Tag[]): TagNode[] {
  const roots: TagNode[] = [];
  const byPath = new Map<string, TagNode>();
  const sorted = [...tags].sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
  for (const tag of sorted) {
    const parts = tag.name.split('/');
    let siblings = roots;
    let path = '';
    parts.forEach((part, i) => {
      path = path ? `${path}/${part}` : part;
      const key = path.toLowerCase();
      let node = byPath.get(key);
      if (!node) {
        node = { path, label: part, tag: null, children: [] };
        byPath.set(key, node);
        siblings.push(node);
      }
      if (i === parts.length - 1) node.tag = tag;
      siblings = node.children;
    });
  }
  return roots;
}
