// One whole lab through the UI (issue #7): open the Labs panel, start the Pods lab (the page
// reloads onto its fresh cluster), and for every step reveal the solution, click "Run in
// terminal" on each of its commands (waiting for the prompt in between, as a student would), and
// see the step turn green; at the end the lab reads as completed, also after a reload.
import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const LAB = '02-pods';

test('the Pods lab, step by step through Run in terminal', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  page.on('dialog', (d) => void d.accept());

  await page.getByRole('button', { name: 'Labs', exact: true }).click();
  const panel = page.getByRole('main').getByRole('region', { name: 'Labs', exact: true });
  await expect(panel).toBeVisible();
  await panel.locator(`li[data-lab-id="${LAB}"] button`).click();
  // The page reloads onto the lab's fresh cluster; the panel stays open on the active lab.
  await Promise.all([page.waitForEvent('load'), panel.getByRole('button', { name: 'Start lab', exact: true }).click()]);
  await app.waitForPrompt();
  const lab = panel.locator(`article[data-lab-id="${LAB}"]`);
  await expect(panel.getByRole('button', { name: 'Reset lab', exact: true })).toBeVisible();
  await app.speed.selectOption('10');

  const steps = lab.locator('li.lab-step');
  const count = await steps.count();
  expect(count).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < count; i++) {
    const step = steps.nth(i);
    await expect(step).toHaveAttribute('data-status', 'current');
    await expect(step.getByRole('button', { name: /^Run in terminal: / }).first()).toBeVisible();
    await step.getByRole('button', { name: 'Show solution', exact: true }).click();
    const runs = step.locator('.lab-solution').getByRole('button', { name: /^Run in terminal: / });
    // Revealing goes through the worker (it is saved with the progress): wait for the solution,
    // unless the step passed meanwhile and folded away.
    await expect.poll(async () => (await step.getAttribute('data-status')) === 'passed' || (await runs.count()) > 0).toBe(true);
    const n = await runs.count();
    if ((await step.getAttribute('data-status')) !== 'passed') expect(n).toBeGreaterThan(0);
    // The recorded solution in order; a step whose check passes early stops there (it folds away).
    for (let j = 0; j < n; j++) {
      await app.waitForPrompt();
      if ((await step.getAttribute('data-status')) === 'passed') break;
      // The check runs while virtual time plays: the step can pass (and fold away, taking its
      // buttons with it) between the status read above and the click.
      const clicked = await runs
        .nth(j)
        .click({ timeout: 10_000 })
        .then(() => true)
        .catch(async (e: unknown) => {
          if ((await step.getAttribute('data-status')) === 'passed') return false;
          throw e;
        });
      if (!clicked) break;
    }
    await expect(step, `step ${i + 1} passes`).toHaveAttribute('data-status', 'passed', { timeout: 60_000 });
    await expect(step.locator('.lab-step-status')).toHaveText('Passed');
  }
  await expect(lab.locator('.lab-done')).toHaveText('Lab completed! Every step passed.');
  await expect(lab.getByRole('status').first()).toHaveText(`${count} of ${count} steps`);

  // Progress survives a reload.
  await page.reload();
  await app.waitForPrompt();
  await expect(panel.locator('.lab-done')).toHaveText('Lab completed! Every step passed.');
  expect(app.consoleErrors).toEqual([]);
});
