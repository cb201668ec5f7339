/**
 * Ordering candidates. The coarse order is relevance (which fields the query's
 * words hit, and how exactly), then recency, then upvotes — one number per
 * paper, so 50,000 candidates are ordered by selecting the top few with a
 * quickselect instead of sorting them all.
 */

/** Relevance rounded, so float noise never outranks recency. */
export function relevanceLevel(score: number): number {
  return Math.round(score * 1000);
}

/** Relevance first, then the tie key (recency, upvotes; see search-index tieKey). */
export function rankKey(score: number, tieKey: number): number {
  return relevanceLevel(score) * 1e9 + tieKey;
}

/**
 * The `need` slots with the largest keys, sorted descending (equal keys by slot,
 * for stability). `keys` and `copy` are working memory at least as long as `slots`.
 */
export function topByKey(
  slots: ArrayLike<number>,
  need: number,
  key: (slot: number) => number,
  keys: Float64Array,
  copy: Float64Array,
): number[] {
  const n = slots.length;
  if (need <= 0 || n === 0) return [];
  for (let i = 0; i < n; i++) keys[i] = key(slots[i]);
  const picked: number[] = [];
  if (n <= need * 4) for (let i = 0; i < n; i++) picked.push(i);
  else {
    copy.set(keys.subarray(0, n));
    const threshold = kthLargest(copy.subarray(0, n), Math.min(need, n));
    for (let i = 0; i < n; i++) if (keys[i] >= threshold) picked.push(i);
  }
  picked.sort((a, b) => keys[b] - keys[a] || slots[a] - slots[b]);
  if (picked.length > need) picked.length = need;
  return picked.map((i) => slots[i]);
}

/** Quickselect (Hoare partition): the k-th largest value, 1-based. Reorders `values`. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target];
  }
  return values[target];
}
