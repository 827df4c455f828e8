import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The rules every Flowbar page is held to: WCAG 2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * The axe violations of the page as it is now, one readable line per failing element
 * ("rule: html — what is wrong"), so a failing test says what to fix. Empty when the page passes.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id}: ${node.html.slice(0, 160)} — ${node.failureSummary?.replace(/\s+/g, ' ').slice(0, 200) ?? v.help}`),
  );
}
