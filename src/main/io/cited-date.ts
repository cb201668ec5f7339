/**
 * The date a citation gives a paper. The feed's publication date is usually
 * right, but not always (a paper re-posted years later, a feed that stamps the
 * day it listed the paper): an arXiv id says when it was first submitted
 * (`2401.10774` is January 2024, `hep-th/9901001` January 1999). When the two
 * are more than a year apart, the id's year and month win. BibTeX, CSL-JSON,
 * citation keys and the copied citation all take their year from here.
 */

/** [year, month] from a new-style (`YYMM.NNNNN`) or old-style (`archive/YYMMNNN`) arXiv id. */
export function arxivYearMonth(id: string): [number, number] | null {
  const m =
    /^(\d{2})(\d{2})\.\d{4,5}$/.exec(id) ??
    /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{2})?\/(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!m) return null;
  const yy = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  // arXiv began in August 1991: 91-99 are the 1900s.
  return [yy >= 91 ? 1900 + yy : 2000 + yy, month];
}

/** [year, month?, day?] from an ISO date of any precision ("2022", "2022-03", a full time). */
export function dateParts(publishedAt: string | null): number[] | null {
  const m = publishedAt ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(publishedAt) : null;
  if (!m) return null;
  return [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
}

const MAX_MONTHS_APART = 12;

/** The cited date as CSL date-parts: the feed's date, unless the arXiv id disagrees by over a year. */
export function citedDateParts(publishedAt: string | null, id: string): number[] | null {
  const published = dateParts(publishedAt);
  const fromId = arxivYearMonth(id);
  if (!published) return fromId;
  if (!fromId) return published;
  const [year, month] = published;
  // A date without a month is compared as the id's month of that year.
  const monthsApart = Math.abs(year * 12 + (month ?? fromId[1]) - (fromId[0] * 12 + fromId[1]));
  return monthsApart > MAX_MONTHS_APART ? fromId : published;
}

export function citedYear(publishedAt: string | null, id: string): string | null {
  const parts = citedDateParts(publishedAt, id);
  return parts ? String(parts[0]) : null;
}
