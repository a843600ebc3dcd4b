// Sharing a scenario as a link (issue #7, instructor mode): a lab in progress with a passed step
// and a Deployment, shared with "Share link", opened in a fresh browser context (no storage)
// after the confirm: the same pods, the same (paused) virtual time, the same lab progress, and
// the hash gone from the address bar. A damaged link shows a translated error and changes nothing.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const LAB = '02-pods';

const podNames = (app: PlaygroundPage) =>
  app.graph.locator('[data-kind="Pod"][data-namespace="default"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? '').sort());

const labsPanel = (page: Page) => page.getByRole('main').getByRole('region', { name: 'Labs', exact: true });

test('a shared link opens the same cluster, time and lab progress in a new browser', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  page.on('dialog', (d) => void d.accept());

  // Start the Pods lab (the page reloads onto its fresh cluster) and pass its first step.
  await page.getByRole('button', { name: 'Labs', exact: true }).click();
  const panel = labsPanel(page);
  await panel.locator(`li[data-lab-id="${LAB}"] button`).click();
  await Promise.all([page.waitForEvent('load'), panel.getByRole('button', { name: 'Start lab', exact: true }).click()]);
  await app.waitForPrompt();
  await app.speed.selectOption('10');
  const steps = panel.locator(`article[data-lab-id="${LAB}"] li.lab-step`);
  await app.run('kubectl run pingpong --image alpine -- ping 1.1.1.1');
  await app.run('kubectl get pods');
  await expect(steps.nth(0)).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  await expect(steps.nth(1)).toHaveAttribute('data-status', 'current');

  await app.run('kubectl create deployment web --image=nginx --replicas=10');
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(11, { timeout: 60_000 });
  await app.pauseButton.click();
  await expect(app.pauseButton).toBeDisabled();
  const now = await app.clockNow();
  const pods = await podNames(app);
  expect(pods).toHaveLength(11);

  // Share link: the link is shown selected in a read-only field and the status says how long it is.
  await app.openPlaygroundMenu();
  await page.getByRole('button', { name: 'Share link', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Link to this scenario', exact: true });
  await expect(field).toBeVisible();
  const link = await field.inputValue();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#scenario=[A-Za-z0-9_-]+$/);
  await expect(page.locator('[data-share-state="done"]')).toHaveText(
    new RegExp(`^(Link copied to the clipboard|Could not copy to the clipboard: copy the link from the field) \\(${link.length} characters\\)\\.$`),
  );
  expect(await field.evaluate((el) => {
    const input = el as HTMLInputElement;
    return [input.readOnly, input.selectionStart, input.selectionEnd];
  })).toEqual([true, 0, link.length]);
  console.log(`share link for lab ${LAB} + 10-replica Deployment (11 pods): ${link.length} characters`);
  expect(app.consoleErrors).toEqual([]);

  // A new browser context: fresh storage, as another student's browser.
  const other = await browser.newContext();
  try {
    const page2 = await other.newPage();
    const app2 = new PlaygroundPage(page2, 'en');
    const dialogs: string[] = [];
    page2.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.accept();
    });
    let loads = 0;
    page2.on('load', () => loads++);
    await page2.goto(link);
    // The import reloads the page once; the hash is gone, so it does not open again.
    await expect.poll(() => loads, { timeout: 30_000 }).toBe(2);
    await app2.waitForPrompt();
    expect(dialogs).toEqual(['confirm: Open the shared scenario? It replaces your current playground.']);
    expect(new URL(page2.url()).hash).toBe('');

    expect(await app2.clockNow()).toBe(now);
    await expect(app2.pauseButton).toBeDisabled();
    await expect(app2.graph.locator('[data-kind="Deployment"][data-name="web"][data-namespace="default"]')).toHaveCount(1);
    await expect(app2.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(11);
    expect(await podNames(app2)).toEqual(pods);
    const out = await app2.run('kubectl get deploy web');
    expect(out.split('\n').slice(-3, -1)).toEqual(['NAME   READY   UP-TO-DATE   AVAILABLE   AGE', expect.stringMatching(/^web    10\/10   10           10          \d+s$/)]);

    // The lab is in progress with its first step passed.
    await page2.getByRole('button', { name: 'Labs', exact: true }).click();
    const steps2 = labsPanel(page2).locator(`article[data-lab-id="${LAB}"] li.lab-step`);
    await expect(steps2.nth(0)).toHaveAttribute('data-status', 'passed');
    await expect(steps2.nth(1)).toHaveAttribute('data-status', 'current');
    await expect(labsPanel(page2).getByRole('button', { name: 'Reset lab', exact: true })).toBeVisible();
    await page2.reload();
    await app2.waitForPrompt();
    expect(dialogs).toHaveLength(1);
    expect(app2.consoleErrors).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a damaged link says so in the page language and changes nothing', async ({ page }) => {
  const app = new PlaygroundPage(page, 'es');
  await app.goto();
  await app.run('kubectl create namespace mine');
  // Wait for a save that has the namespace (saves run every few seconds; leaving the page earlier
  // could lose it, and the test would then blame the link).
  const created = Number(await page.locator('.clock').getAttribute('data-now'));
  await expect.poll(async () => Number((await page.locator('.saved').getAttribute('data-saved-now')) || 0), { timeout: 15_000 }).toBeGreaterThanOrEqual(created);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  // (From another page: a hash-only change to the same URL would not load the page again.)
  await page.goto('about:blank');
  await page.goto('/?lang=es#scenario=AAAA');
  await app.waitForPrompt();
  await expect(page.locator('[data-share-notice="error"]')).toHaveText('El enlace compartido está dañado o incompleto. No se cambió nada.');
  expect(dialogs).toEqual([]);
  expect(new URL(page.url()).hash).toBe('');
  expect(new URL(page.url()).search).toBe('?lang=es');
  const out = await app.run('kubectl get namespace mine --no-headers');
  expect(out.split('\n').slice(-2)[0]).toMatch(/^mine +Active +\d+s$/);
  await page.locator('.share-notice').getByRole('button', { name: 'Cerrar', exact: true }).click();
  await expect(page.locator('[data-share-notice]')).toHaveCount(0);
});
