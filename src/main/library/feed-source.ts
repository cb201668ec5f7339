import { AppError } from '../../shared/errors';
import { normalizeBaseUrl } from '../net/base-url';

export const DEFAULT_FEED_URL = 'https://huggingface.co';

/** Where a feed address can come from, highest precedence first. */
export interface FeedSourceInputs {
  /** `--source`, or an import's `source`. */
  explicit?: string;
  /** $PAPERSHELF_FEED_URL. */
  env?: string;
  /** The feed URL setting (null: not set). */
  setting: string | null;
}

/**
 * The one precedence for the Daily Papers address, used by sync and by the
 * Hub lookups of imports: explicit > $PAPERSHELF_FEED_URL > the setting >
 * huggingface.co. `origin` names where the address came from, for errors.
 */
export function chooseFeedSource(inputs: FeedSourceInputs): { chosen: string; origin: string } {
  const env = inputs.env?.trim();
  if (inputs.explicit) return { chosen: inputs.explicit, origin: 'The feed address' };
  if (env) return { chosen: env, origin: 'PAPERSHELF_FEED_URL' };
  return { chosen: inputs.setting ?? DEFAULT_FEED_URL, origin: 'The feed URL setting' };
}

/** The chosen feed address, normalised; `invalid_input` when it is not an http(s) URL. */
export function resolveFeedSource(inputs: FeedSourceInputs): string {
  const { chosen, origin } = chooseFeedSource(inputs);
  try {
    return normalizeBaseUrl(chosen);
  } catch {
    throw new AppError('invalid_input', `${origin} “${chosen}” is not an http(s) URL`);
  }
}
