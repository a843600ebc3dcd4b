// Instructor mode end to end: presenter view (larger terminal font, editor and Events hidden,
// Escape leaves, remembered), and the cluster timeline — a Deployment rolled out from nginx:1.26
// to 1.27, the timeline scrubbed back to before the rollout shows the old pods in a replay, Live
// shows the new ones. Run with PW_PORT=4192.
import { test, expect } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const names = (l: Locator) => l.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? '').sort());

test('presenter view: large terminal font, terminal and graph only, Escape leaves, remembered', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await expect(app.presenterToggle).toHaveAttribute('aria-pressed', 'false');
  expect(await app.terminalFontSize()).toBe(14);
  await expect(app.events).toBeVisible();
  const node1 = app.graph.locator('g.box[data-kind="Node"][data-name="node1"] text');
  const titleHeight = async () => (await node1.boundingBox())?.height ?? 0;
  const normalTitle = await titleHeight();
  expect(normalTitle).toBeGreaterThan(0);

  await app.presenterToggle.click();
  await expect(app.presenterToggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => app.terminalFontSize()).toBe(20);
  await expect(app.events).toBeHidden();
  await expect(app.page.getByRole('region', { name: 'YAML editor' })).toBeHidden();
  await expect(app.graph).toBeVisible();
  await expect(app.timelineSlider).toBeVisible();
  // Graph beside the terminal, the wider of the two.
  const term = await app.terminal.boundingBox();
  const graph = await app.graph.boundingBox();
  if (!term || !graph) throw new Error('not rendered');
  expect(graph.x).toBeGreaterThan(term.x + term.width - 1);
  expect(graph.width).toBeGreaterThan(term.width);
  const rootFont = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(rootFont).toBe(20);
  // The graph is drawn 1.4× larger (names, boxes and pods), its pods still at their Nodes.
  await expect(app.graph.locator('.graph-stage')).toHaveAttribute('data-zoom', '1.4');
  await expect.poll(titleHeight).toBeGreaterThan(normalTitle * 1.3);
  await expect(app.graph.locator('[data-kind="Pod"][data-node="node1"]').first()).toBeVisible();

  await page.reload();
  await app.waitForPrompt();
  await expect(app.presenterToggle).toHaveAttribute('aria-pressed', 'true');

  await page.locator('h1').click();
  await page.keyboard.press('Escape');
  await expect(app.presenterToggle).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => app.terminalFontSize()).toBe(14);
  await expect(app.events).toBeVisible();

  await page.goto('/?lang=es&present=1');
  const es = new PlaygroundPage(page, 'es');
  await es.waitForPrompt();
  await expect(es.presenterToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(es.timelineSlider).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('timeline: scrub back before a rollout to replay the old pods, Live shows the new ones', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await page.goto('/?lang=en&present=1');
  await app.waitForPrompt();
  await app.speed.selectOption('10');
  await app.run('kubectl create deployment web --image=nginx:1.26 --replicas=3');
  const pods = app.graph.locator('[data-kind="Pod"][data-namespace="default"]');
  const running = app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]');
  await expect(running).toHaveCount(3, { timeout: 30_000 });
  await expect(pods).toHaveCount(3);
  const oldPods = await names(running);
  const before = await app.clockNow();

  await app.run('kubectl set image deployment/web nginx=nginx:1.27');
  // The rollout is over when three Running pods are drawn and none of them is an old one.
  await expect.poll(async () => {
    const now = await names(pods);
    return now.length === 3 && now.every((n) => !oldPods.includes(n)) && (await running.count()) === 3;
  }, { timeout: 45_000 }).toBe(true);
  const newPods = await names(pods);
  await expect(app.graph).toHaveAttribute('data-replay', 'false');

  // Events of the rollout are listed near the live cursor.
  await expect(app.timeline.locator('li[data-reason="ScalingReplicaSet"]').first()).toBeVisible();

  await app.scrubTimeline(before);
  await expect(app.graph).toHaveAttribute('data-replay', 'true');
  const shown = Number(await app.graph.getAttribute('data-time'));
  expect(Math.abs(shown - before)).toBeLessThanOrEqual(100);
  await expect(app.graph.getByText(/^Replay \d\d:\d\d:\d\d — live at \d\d:\d\d:\d\d$/)).toBeVisible();
  await expect.poll(() => names(pods)).toEqual(oldPods);
  await expect(running).toHaveCount(3);
  const valueText = await app.timelineSlider.getAttribute('aria-valuetext');
  expect(valueText).toMatch(/^\d\d:\d\d:\d\d$/);

  // Replay in slow motion moves the graph's time forward; Pause replay stops it.
  await app.timeline.getByRole('combobox', { name: 'Replay speed' }).selectOption('0.25');
  await app.timeline.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect.poll(async () => Number(await app.graph.getAttribute('data-time'))).toBeGreaterThan(shown + 100);
  await app.timeline.getByRole('button', { name: 'Pause replay', exact: true }).click();
  await expect(app.graph).toHaveAttribute('data-replay', 'true');

  await app.timeline.getByRole('button', { name: 'Live', exact: true }).click();
  await expect(app.graph).toHaveAttribute('data-replay', 'false');
  await expect(app.graph).not.toHaveAttribute('data-time');
  await expect.poll(() => names(pods)).toEqual(newPods);
  expect(app.consoleErrors).toEqual([]);
});
