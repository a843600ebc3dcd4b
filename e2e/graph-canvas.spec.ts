// The graph's pod layer end to end: every pod on screen is painted on the canvas tiles where its
// invisible proxy is (readiness ring and state dot at the cell's centre), also after a scroll
// brings tiles that were out of sight (and not displayed) back to the screen.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

/** Pods whose proxy centre is on screen, and those of them with no painted pixel there. */
function paintCheck(page: Page): Promise<{ checked: number; unpainted: string[] }> {
  return page.evaluate(() => {
    const scroller = document.querySelector('.graph-scroll') as HTMLElement;
    const view = scroller.getBoundingClientRect();
    const tiles = [...document.querySelectorAll<HTMLCanvasElement>('.graph-pods canvas')].filter((c) => getComputedStyle(c).display !== 'none' && c.width > 40);
    let checked = 0;
    const unpainted: string[] = [];
    for (const g of document.querySelectorAll('.graph [data-kind="Pod"]')) {
      const hit = g.querySelector('circle') ?? g;
      const r = hit.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < view.left || x >= view.right || y < view.top || y >= view.bottom) continue;
      checked++;
      const tile = tiles.find((c) => {
        const b = c.getBoundingClientRect();
        return x >= b.left && x < b.right && y >= b.top && y < b.bottom;
      });
      const name = g.getAttribute('data-name') ?? '?';
      if (!tile) {
        unpainted.push(`${name} (no tile)`);
        continue;
      }
      const b = tile.getBoundingClientRect();
      const px = tile.getContext('2d')?.getImageData(Math.floor(((x - b.left) * tile.width) / b.width), Math.floor(((y - b.top) * tile.height) / b.height), 1, 1).data;
      if (!px || px[3] === 0) unpainted.push(name);
    }
    return { checked, unpainted };
  });
}

test('every pod on screen is painted where its proxy is, also after scrolling to tiles that were out of sight', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.speed.selectOption('20');
  await app.run('kubectl create deployment web --image=nginx --replicas=110');
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(110, { timeout: 60_000 });
  // The graph is taller than its scroll box by more than a tile: some tiles start out of sight.
  const { scrollHeight, clientHeight } = await page.locator('.graph-scroll').evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
  expect(scrollHeight).toBeGreaterThan(clientHeight + 400);

  await expect.poll(() => paintCheck(page)).toEqual({ checked: expect.any(Number), unpainted: [] });
  expect((await paintCheck(page)).checked).toBeGreaterThan(5);

  await page.locator('.graph-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect.poll(() => paintCheck(page)).toEqual({ checked: expect.any(Number), unpainted: [] });
  expect((await paintCheck(page)).checked).toBeGreaterThan(5);

  // A pod deleted at the bottom is cleared and its replacement painted.
  await app.run('kubectl delete pods -l app=web --wait=false');
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(110, { timeout: 60_000 });
  await expect.poll(() => paintCheck(page)).toEqual({ checked: expect.any(Number), unpainted: [] });
});
