// The demo player through the UI (issue #7, instructor mode): open Demos, pick the self-healing
// demo, start it on a fresh cluster (the page reloads and the player reopens on step 1), play the
// first steps with "Run this step" and the rest with Auto, and check the terminal (the typed
// commands and their output) and the graph (the Deployment's pods appear, get replaced).
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const PODS = '[data-kind="Pod"][data-namespace="default"][data-name^="hello-"]';

test('the self-healing demo, step by step and then in auto mode', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  page.on('dialog', (d) => void d.accept());

  await page.getByRole('button', { name: 'Demos', exact: true }).click();
  const panel = page.getByRole('main').getByRole('region', { name: 'Demo player', exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('navigation', { name: 'Ready-made demos' }).getByRole('listitem')).toHaveCount(6);
  await panel.getByRole('button', { name: 'Open the demo Self-healing', exact: true }).click();

  // A fresh cluster: the page reloads and the player reopens on step 1 of the same demo.
  await Promise.all([page.waitForEvent('load'), panel.getByRole('button', { name: 'Start on a fresh cluster', exact: true }).click()]);
  await app.waitForPrompt();
  const demo = panel.locator('article[data-demo-id="self-healing"]');
  await expect(demo).toBeVisible();
  await expect(panel.getByRole('status').first()).toHaveText('Step 1 of 8');
  await app.speed.selectOption('10');

  const steps = demo.locator('li.demo-step');
  await expect(steps).toHaveCount(8);
  await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
  await expect(steps.nth(0).locator('.demo-manifest pre')).toContainText('kind: Deployment');
  const run = panel.getByRole('button', { name: 'Run this step', exact: true });

  // Steps 1–5 one by one: the cursor moves on when the terminal has finished the command. The
  // terminal shares the column with the editor now, so its text is read after every step.
  let text = '';
  for (let i = 0; i < 5; i++) {
    await expect(run).toBeEnabled();
    await run.click();
    await expect(steps.nth(i)).toHaveClass(/\bplayed\b/, { timeout: 60_000 });
    if (i === 0) {
      // Step 1 applies a manifest: the YAML editor shows it in a tab, and the terminal applies it.
      const editor = page.getByRole('region', { name: 'YAML editor', exact: true });
      await expect(editor.getByRole('tab', { name: 'hello.yaml' })).toBeVisible();
      await app.waitForPrompt();
      expect(await app.terminalText()).toContain('$ kubectl apply -f hello.yaml\ndeployment.apps/hello created');
    }
    await expect(steps.nth(i + 1)).toHaveAttribute('aria-current', 'step');
    await app.waitForPrompt();
    text += await app.terminalText();
  }
  expect(text).toContain('deployment "hello" successfully rolled out');
  expect(text).toMatch(/pod "hello-\w+-\w+" deleted/);
  await expect(app.graph.locator(PODS)).toHaveCount(3, { timeout: 30_000 });
  const before = await app.graph.locator(PODS).evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));

  // Previous moves the cursor back without running anything; Next (Run) would replay it.
  await panel.getByRole('button', { name: 'Previous', exact: true }).click();
  await expect(steps.nth(4)).toHaveAttribute('aria-current', 'step');
  await panel.getByRole('button', { name: 'Go to step 6', exact: true }).click();

  // Auto plays steps 6–8 with their pauses in virtual time, and stops at the end.
  const auto = panel.getByRole('button', { name: 'Auto', exact: true });
  await auto.click();
  await expect(auto).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('status').first()).toHaveText('End of the demo. Restart it, or pick another one.', { timeout: 120_000 });
  await expect(auto).toHaveAttribute('aria-pressed', 'false');
  for (let i = 5; i < 8; i++) await expect(steps.nth(i)).toHaveClass(/\bplayed\b/);
  await app.waitForPrompt();
  text = await app.terminalText();
  // The last step's events table (the terminal column is narrow: rows wrap, so one word is checked).
  expect(text).toContain('SuccessfulCreate');

  // Three pods again in the graph, none of them one of the pods seen before.
  await expect(app.graph.locator(PODS)).toHaveCount(3, { timeout: 30_000 });
  const after = await app.graph.locator(PODS).evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
  for (const name of after) expect(before).not.toContain(name);
  expect(app.consoleErrors).toEqual([]);
});
