import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { expect, test, type Page } from '@playwright/test';

/**
 * Deque's axe-core over the page as it is now: the WCAG 2.0/2.1 A and AA rules
 * plus axe's best practices (where "two landmarks with the same name" lives).
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** The rules whose verdict depends on the theme's colours. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Rules whose moderate or minor findings are kept, each with the reason. A
 * serious or critical finding is never allowed, whatever its rule.
 */
export type Allowed = Record<string, string>;

export interface AxeCheck {
  state: string;
  /** Serious and critical findings (rule × element), which fail the test. */
  blocking: number;
  /** Moderate and minor findings not in the allowed list, which fail it too. */
  unexplained: number;
  /** Findings kept on purpose (allowed rules). */
  kept: number;
}

function describe(state: string, violation: Result): string {
  // One line per distinct failure (for contrast: per colour pair), with its first element.
  const distinct = new Map<string, string>();
  for (const node of violation.nodes) {
    const why = (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim();
    if (!distinct.has(why)) distinct.set(why, node.target.join(' '));
  }
  const lines = [...distinct].map(([why, target]) => `    ${target}: ${why}`).join('\n');
  return `[${state}] ${violation.id} (${violation.impact}, ${violation.nodes.length}×): ${violation.help}\n${lines}`;
}

/**
 * Run axe on the page and assert (softly, so one run lists every state's
 * findings): no serious or critical violation, and no moderate or minor one
 * that is not allowed with a reason. The counts are attached to the test.
 */
export async function checkAxe(
  page: Page,
  state: string,
  options: { allowed?: Allowed; exclude?: string[] } = {},
): Promise<AxeCheck> {
  // Only violations are collected: passes and "needs review" lists cost time and are not read.
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  // The dark theme changes colours, not structure: there only the colour rules run
  // (names, roles, landmarks and the rest are checked in the light theme of the same
  // states, which every spec that checks dark also checks). It halves the axe time.
  const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
  builder = dark ? builder.withRules(COLOUR_RULES) : builder.withTags(TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const allowed = options.allowed ?? {};
  const isBlocking = (v: Result) => v.impact === 'serious' || v.impact === 'critical';
  const blocking = violations.filter(isBlocking);
  const unexplained = violations.filter((v) => !isBlocking(v) && !(v.id in allowed));
  const kept = violations.filter((v) => !isBlocking(v) && v.id in allowed);
  const count = (list: Result[]) => list.reduce((sum, v) => sum + v.nodes.length, 0);
  const check: AxeCheck = {
    state,
    blocking: count(blocking),
    unexplained: count(unexplained),
    kept: count(kept),
  };
  test.info().annotations.push({
    type: 'axe',
    description: `${state}${dark ? ' (dark: colour rules)' : ''}: ${check.blocking} serious/critical, ${check.unexplained} unexplained, ${check.kept} kept`,
  });
  expect
    .soft(
      [...blocking, ...unexplained].map((v) => describe(state, v)),
      `axe findings in ${state}`,
    )
    .toEqual([]);
  return check;
}
