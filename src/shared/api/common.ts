import { z } from 'zod';
import { COLOR_PATTERN, DAY_PATTERN } from '../domain';
import { parsePeriod } from '../featured-period';
import { normalizeTagName } from '../tag-name';

/**
 * Building blocks for per-method input schemas. Every schema is strict: an
 * unknown key is an error, so a typo in a caller never silently does nothing.
 */

/** Bare arXiv ids (`2509.04664`, `hep-th/9901001`) and local ids (`local:smith2020`). */
export const paperId = z
  .string()
  .min(1, 'A paper id is required')
  .max(200, 'A paper id is at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-:/]*$/, 'Not a valid paper id');

/** Bulk actions take up to 50,000 ids: a whole view of the largest library we design for. */
export const paperIds = z.array(paperId).min(1, 'Select at least one paper').max(50_000);

export const day = z.string().regex(DAY_PATTERN, 'A day is written YYYY-MM-DD');

/** A feed day, or a range of them (`2025-11-10..2025-11-16`: a week, a month). */
export const featuredPeriod = z
  .string()
  .max(30)
  .refine(
    (text) => parsePeriod(text) !== null,
    'A day is written YYYY-MM-DD, a range of days YYYY-MM-DD..YYYY-MM-DD',
  );

export const tagName = z
  .string()
  .transform(normalizeTagName)
  .pipe(
    z
      .string()
      .min(1, 'A tag name cannot be empty')
      .max(100, 'A tag name is at most 100 characters')
      // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'A tag name cannot hold control characters')
      .refine((s) => !s.startsWith('/') && !s.endsWith('/') && !s.includes('//'), {
        message: 'Nested tags are written parent/child',
      }),
  );

export const tagId = z.number().int().positive();

/** An instant as the service writes them (ISO 8601, UTC). */
export const iso = z.iso.datetime({ offset: true, error: 'A time is written as ISO 8601' });

export const color = z.string().regex(COLOR_PATTERN, 'A colour is written #rrggbb');

/** Notes are markdown; 1 MB is far beyond any real note and keeps a bad caller from filling the disk. */
/** The longest note the library keeps, in characters. */
export const NOTE_MAX_CHARS = 1_000_000;
export const markdown = z.string().max(NOTE_MAX_CHARS, 'A note is at most 1,000,000 characters');

export const empty = z.strictObject({});
