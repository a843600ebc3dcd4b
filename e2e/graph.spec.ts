// The live graph end to end: pods drawn inside their Node boxes with their data attributes, a
// deleted pod leaving and its replacement arriving, keyboard focus with Enter opening the
// inspector, and the light/dark theme toggle (remembered across reloads, named in both languages).
import { test, expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const POD_NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

async function focusedData(app: PlaygroundPage): Promise<Record<string, string>> {
  return app.page.evaluate(() => {
    const el = document.activeElement;
    return el instanceof SVGElement || el instanceof HTMLElement ? { ...el.dataset } as Record<string, string> : {};
  });
}

test('pods appear inside their Node boxes with data attributes; a deleted pod leaves and is replaced', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.speed.selectOption('10');
  await app.run('kubectl create deployment web --image=nginx --replicas=3');
  const running = app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]');
  await expect(running).toHaveCount(3, { timeout: 30_000 });
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="web"][data-namespace="default"]')).toHaveCount(1);
  await expect(app.graph.locator('[data-kind="ReplicaSet"][data-namespace="default"]')).toHaveCount(1);

  const names: string[] = [];
  for (const pod of await running.all()) {
    const name = (await pod.getAttribute('data-name')) ?? '';
    const node = (await pod.getAttribute('data-node')) ?? '';
    expect(name).toMatch(POD_NAME);
    expect(['node1', 'node2', 'node3']).toContain(node);
    const p = await box(pod);
    const n = await box(app.graph.locator(`g.box[data-kind="Node"][data-name="${node}"]`));
    expect(p.x >= n.x && p.y >= n.y && p.x + p.width <= n.x + n.width && p.y + p.height <= n.y + n.height).toBe(true);
    names.push(name);
  }

  const victim = names[0];
  await app.run(`kubectl delete pod ${victim}`);
  await expect(app.graph.locator(`[data-kind="Pod"][data-name="${victim}"]`)).toHaveCount(0, { timeout: 30_000 });
  await expect(running).toHaveCount(3, { timeout: 30_000 });
  const after = await running.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  const fresh = after.filter((n) => !names.includes(n));
  expect(fresh).toHaveLength(1);
  expect(fresh[0]).toMatch(POD_NAME);
  expect(after.filter((n) => names.includes(n)).sort()).toEqual(names.slice(1).sort());
  expect(app.consoleErrors).toEqual([]);
});

test('keyboard: Tab reaches the graph, arrows move between objects, Enter opens the inspector', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.graph.getByRole('combobox', { name: 'Namespace' }).focus();
  await page.keyboard.press('Tab');
  expect(await focusedData(app)).toMatchObject({ kind: 'Node', name: 'node1', namespace: '' });
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('dialog', { name: 'Inspector' });
  await expect(inspector).toHaveAttribute('data-kind', 'Node');
  await expect(inspector).toHaveAttribute('data-name', 'node1');
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);

  await app.graph.locator('g.box[data-name="node1"]').focus();
  await page.keyboard.press('ArrowRight');
  const pod = await focusedData(app);
  expect(pod).toMatchObject({ kind: 'Pod', namespace: 'kube-system', node: 'node1' });
  await page.keyboard.press('Enter');
  await expect(inspector).toHaveAttribute('data-kind', 'Pod');
  await expect(inspector).toHaveAttribute('data-name', pod.name);
  await expect(inspector).toHaveAttribute('data-namespace', 'kube-system');
  await page.keyboard.press('Escape');

  // Left goes back to the box; only one graph object is in the Tab order.
  await app.graph.locator(`[data-kind="Pod"][data-name="${pod.name}"]`).focus();
  await page.keyboard.press('ArrowLeft');
  expect(await focusedData(app)).toMatchObject({ kind: 'Node', name: 'node1' });
  await expect(app.graph.locator('svg [tabindex="0"]')).toHaveCount(1);
  expect(app.consoleErrors).toEqual([]);
});

test('theme follows the system, toggles, and is remembered; the toggle is named Theme / Tema', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const toggle = page.getByRole('button', { name: 'Theme', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const darkBg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).not.toBe(darkBg);
  await page.reload();
  await app.waitForPrompt();
  await expect(html).toHaveAttribute('data-theme', 'light');

  const es = new PlaygroundPage(page, 'es');
  await es.goto();
  await expect(page.getByRole('button', { name: 'Tema', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Tema', exact: true }).press('Enter');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(app.consoleErrors).toEqual([]);
  expect(es.consoleErrors).toEqual([]);
});
