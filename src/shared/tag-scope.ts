/**
 * What a tag scope (`tag:NAME`, a tag picked in the sidebar) takes in. Tags are
 * paths (`ml/pruning`): NAME matches a tag when it stands in the tag as whole
 * parts — the tag itself (`ml`), its children (`ml/pruning` for `ml`), and a
 * nested tag whose last part, or any run of parts, is NAME (`ml/pruning` for
 * `pruning`). Both arguments in lower case. The library's SQL list scope
 * (papers-repo.ts) says the same in SQL.
 */
export function tagInScope(tagLower: string, nameLower: string): boolean {
  if (nameLower === '') return false;
  if (tagLower === nameLower) return true;
  const end = nameLower.length;
  for (let at = tagLower.indexOf(nameLower); at !== -1; at = tagLower.indexOf(nameLower, at + 1)) {
    const startsPart = at === 0 || tagLower.charCodeAt(at - 1) === SLASH;
    const endsPart = at + end === tagLower.length || tagLower.charCodeAt(at + end) === SLASH;
    if (startsPart && endsPart) return true;
  }
  return false;
}

const SLASH = 47;
