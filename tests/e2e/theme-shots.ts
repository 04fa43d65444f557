import { expect, type Page } from '@playwright/test';

/**
 * With AIOS_SHOTS set, screenshots the page in the light and the dark theme (`<name>-light.png`,
 * `<name>-dark.png`) through the system colour scheme, then goes back to light.
 */
export async function shootThemes(page: Page, name: string) {
  const dir = process.env['AIOS_SHOTS'];
  if (!dir) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    // The theme fades in (CSS transitions): shot once every colour has arrived. Endless
    // animations (a running edge's dashes) never finish, so they are not waited for.
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished),
      ),
    );
    await page.screenshot({ path: `${dir}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
