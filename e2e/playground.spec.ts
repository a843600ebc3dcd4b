import { test, expect } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

test('loads with the terminal, graph and events panels and no console errors', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await expect(app.terminal).toBeVisible();
  await expect(app.graph).toBeVisible();
  await expect(app.events).toBeVisible();
  for (const name of ['node1', 'node2', 'node3']) {
    await expect(app.graph.locator(`[data-kind="Node"][data-name="${name}"][data-namespace=""]`)).toHaveCount(1);
  }
  await expect(app.graph.locator('[data-kind="Pod"][data-name="etcd-node1"][data-namespace="kube-system"][data-node="node1"]')).toHaveAttribute('data-phase', 'Running');
  await expect(app.events.locator('tbody tr').first()).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('kubectl get nodes in the terminal lists node1..node3', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  const text = await app.run('kubectl get nodes');
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/.test(l));
  expect(header).toBeGreaterThan(0);
  expect(lines[header - 1]).toBe('k8s@node1:~$ kubectl get nodes');
  expect(lines.slice(header + 1, header + 4).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
    'node1 Ready control-plane',
    'node2 Ready <none>',
    'node3 Ready <none>',
  ]);
  expect(lines[header + 4]).toBe('k8s@node1:~$');
  expect(app.consoleErrors).toEqual([]);
});

test('a Deployment created in the terminal appears in the graph', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.speed.selectOption('10');
  await app.run('kubectl create deployment web --image=nginx --replicas=3');
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="web"][data-namespace="default"]')).toHaveCount(1);
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(3, { timeout: 30_000 });
  expect(app.consoleErrors).toEqual([]);
});

test('Pause stops the virtual clock and Play resumes it', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await expect.poll(() => app.clockNow()).toBeGreaterThan(0);
  await app.pauseButton.click();
  await expect(app.pauseButton).toBeDisabled();
  const paused = await app.clockNow();
  const shown = await app.clock.textContent();
  await page.waitForTimeout(1500);
  expect(await app.clockNow()).toBe(paused);
  expect(await app.clock.textContent()).toBe(shown);
  await app.playButton.click();
  await expect.poll(() => app.clockNow(), { timeout: 5000 }).toBeGreaterThan(paused + 1000);
  await expect(app.clock).not.toHaveText(shown ?? '');
  expect(app.consoleErrors).toEqual([]);
});

test('?lang=es shows Spanish labels', async ({ page }) => {
  const app = new PlaygroundPage(page, 'es');
  await app.goto();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(app.terminal).toBeVisible();
  await expect(app.graph).toBeVisible();
  await expect(app.events).toBeVisible();
  await expect(app.pauseButton).toBeVisible();
  await expect(app.playButton).toBeVisible();
  await expect(app.speed).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cluster graph', exact: true })).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
