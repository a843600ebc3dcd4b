// Persistence end to end: a reload keeps the cluster objects, the virtual time (and pause), the
// shell history and files; Reset starts a fresh cluster; Export/Import round-trips a playground.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

/** The save status in the header: its data-saved-now is the virtual time of the last save. */
const savedNow = async (page: Page) => Number((await page.getByRole('group', { name: 'Playground' }).getByRole('status').getAttribute('data-saved-now')) || 0);

async function fresh(page: Page): Promise<PlaygroundPage> {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  return app;
}

test('a reload keeps objects, virtual time, history and files', async ({ page }) => {
  const app = await fresh(page);
  await app.speed.selectOption('10');
  await app.run('kubectl create deployment web --image=nginx --replicas=2');
  await app.run('echo "hello from before" > notes.txt');
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(2, { timeout: 30_000 });
  await app.pauseButton.click();
  await expect(app.pauseButton).toBeDisabled();
  const paused = await app.clockNow();
  // The worker saves every few seconds when something changed: wait for the paused state.
  await expect.poll(() => savedNow(page), { timeout: 15_000 }).toBe(paused);
  const pods = await app.graph.locator('[data-kind="Pod"][data-namespace="default"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort());

  await page.reload();
  await app.waitForPrompt();
  expect(await app.clockNow()).toBe(paused);
  await expect(app.pauseButton).toBeDisabled();
  await page.waitForTimeout(1000);
  expect(await app.clockNow()).toBe(paused);
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="web"][data-namespace="default"]')).toHaveCount(1);
  expect(await app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort())).toEqual(pods);
  // History: the previous command comes back with the Up arrow.
  await app.terminal.locator('.xterm').click();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => app.terminalText()).toMatch(/k8s@node1:~\$ echo "hello from before" > notes\.txt$/);
  await page.keyboard.press('Control+U');
  const text = await app.run('cat notes.txt');
  expect(text.split('\n').slice(-3)).toEqual(['k8s@node1:~$ cat notes.txt', 'hello from before', 'k8s@node1:~$']);
  // Time goes on when played again.
  await app.playButton.click();
  await expect.poll(() => app.clockNow()).toBeGreaterThan(paused);
  expect(app.consoleErrors).toEqual([]);
});

test('Reset starts a fresh cluster; Export and Import restore a playground', async ({ page }) => {
  const app = await fresh(page);
  await app.run('kubectl create deployment keep --image=nginx');
  await app.run('echo exported > file.txt');
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="keep"]')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await app.openPlaygroundMenu();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('timonel-playground.json');
  const path = await file.path();

  page.once('dialog', (d) => void d.accept());
  let loaded = page.waitForEvent('load');
  await app.openPlaygroundMenu();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await loaded;
  await app.waitForPrompt();
  await expect(app.graph.locator('[data-kind="Node"][data-name="node2"]')).toHaveCount(1);
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="keep"]')).toHaveCount(0);
  expect((await app.run('cat file.txt')).split('\n').slice(-2)[0]).toBe('cat: file.txt: No such file or directory');

  loaded = page.waitForEvent('load');
  await page.locator('input[type="file"]').setInputFiles(path);
  await loaded;
  await app.waitForPrompt();
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="keep"]')).toHaveCount(1);
  expect((await app.run('cat file.txt')).split('\n').slice(-2)[0]).toBe('exported');
});

test('Spanish labels for the playground tools', async ({ page }) => {
  const app = new PlaygroundPage(page, 'es');
  await app.goto();
  await app.openPlaygroundMenu();
  for (const name of ['Reiniciar', 'Exportar', 'Importar', 'Borrar pod', 'Matar contenedor', 'Apagar nodo', 'Encender nodo', 'Romper imagen']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Inyección de fallos', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recursos', exact: true })).toBeVisible();
  await app.graph.locator('[data-kind="Node"][data-name="node1"]').first().click();
  const inspector = page.getByRole('dialog', { name: 'Inspector' });
  await expect(inspector.getByRole('tab', { name: 'Eventos' })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Cerrar' })).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
