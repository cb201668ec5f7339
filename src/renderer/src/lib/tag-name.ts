// The one tag-name rule lives in src/shared/tag-name.ts (the service applies the same).
export { normalizeTagName, sameTagName } from '../../../shared/tag-name';
