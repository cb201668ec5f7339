import type { TodayEntry, TodaySection } from '../../shared/api/daily';
import type { Arrival, UserSignals } from '../library/today-repo';

/**
 * The Today order, pure: picks for the user first (papers by authors they kept,
 * or about their tags; most reasons first), then what is rising (upvote growth
 * over 72 h, most first), then the rest. Within a section, ties go to the more
 * recent paper (the featured order: day, upvotes, id). There is no "For you"
 * model yet; when there is, its picks belong in the first section.
 */
export interface OrderedToday {
  ids: string[];
  entries: Map<string, TodayEntry>;
  sections: Record<TodaySection, number>;
}

export function orderToday(
  arrivals: Arrival[],
  signals: UserSignals,
  growth: ReadonlyMap<string, number>,
): OrderedToday {
  const recency = [...arrivals].sort(
    (a, b) =>
      compareDesc(a.featuredKey, b.featuredKey) ||
      b.upvotes - a.upvotes ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const scored = recency.map((paper, index) => {
    const reasons = pickReasons(paper, signals);
    const grew = growth.get(paper.id) ?? 0;
    const section: TodaySection = reasons.length > 0 ? 'pick' : grew > 0 ? 'rising' : 'rest';
    return { paper, index, reasons, grew, section };
  });
  const rank: Record<TodaySection, number> = { pick: 0, rising: 1, rest: 2 };
  scored.sort(
    (a, b) =>
      rank[a.section] - rank[b.section] ||
      (a.section === 'pick' ? b.reasons.length - a.reasons.length : 0) ||
      (a.section !== 'rest' ? b.grew - a.grew : 0) ||
      a.index - b.index,
  );
  const sections: Record<TodaySection, number> = { pick: 0, rising: 0, rest: 0 };
  const entries = new Map<string, TodayEntry>();
  for (const s of scored) {
    sections[s.section] += 1;
    entries.set(s.paper.id, {
      section: s.section,
      reason: s.reasons.length > 0 ? s.reasons.slice(0, 2).join(' · ') : null,
      growth: s.grew,
    });
  }
  return { ids: scored.map((s) => s.paper.id), entries, sections };
}

function pickReasons(paper: Arrival, signals: UserSignals): string[] {
  const reasons: string[] = [];
  for (const author of paper.authors) {
    const known = signals.authors.get(author.toLowerCase());
    if (known) reasons.push(`Author: ${known}`);
  }
  if (signals.tagWords.size > 0) {
    const text = words([paper.title, ...paper.keywords].join(' '));
    for (const [word, tag] of signals.tagWords) {
      if (text.includes(words(word))) reasons.push(`Tag: ${tag}`);
    }
  }
  return [...new Set(reasons)];
}

/** Lower-cased words between spaces, so a phrase matches whole words only. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
