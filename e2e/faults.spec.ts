// Failure injection, the inspector and the resource tables end to end: each fault button makes
// the cluster react and the Events panel shows the Events a real cluster records.
import { test, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const faults = (page: Page) => page.getByRole('region', { name: 'Failure injection', exact: true });
const eventRow = (app: PlaygroundPage, reason: string, object: RegExp): Locator =>
  app.events.locator(`tbody tr[data-reason="${reason}"]`).filter({ has: app.page.locator('td', { hasText: object }) });

async function withDeployment(page: Page): Promise<PlaygroundPage> {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.speed.selectOption('10');
  await app.run('kubectl create deployment web --image=nginx --replicas=2');
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(2, { timeout: 30_000 });
  return app;
}

test('delete pod and kill container produce the Events a cluster records', async ({ page }) => {
  const app = await withDeployment(page);
  const panel = faults(page);
  const pod = await panel.getByRole('combobox', { name: 'Pod' }).inputValue();
  const name = pod.split('/')[1];
  expect(pod).toMatch(/^default\/web-/);
  await panel.getByRole('button', { name: 'Delete pod' }).click();
  await expect(panel.getByRole('status')).toHaveText(`pod "${name}" deleted`);
  await expect(eventRow(app, 'Killing', new RegExp(`^pod/${name}$`))).toHaveCount(1);
  await expect(eventRow(app, 'SuccessfulCreate', /^replicaset\/web-/).last()).toBeVisible();
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"]')).toHaveCount(2, { timeout: 30_000 });

  const victim = (await panel.getByRole('combobox', { name: 'Pod' }).inputValue()).split('/')[1];
  await panel.getByRole('button', { name: 'Kill container' }).click();
  await expect(eventRow(app, 'BackOff', new RegExp(`^pod/${victim}$`))).toHaveCount(1, { timeout: 20_000 });
  await expect(app.graph.locator(`[data-kind="Pod"][data-name="${victim}"]`)).toHaveAttribute('data-phase', 'Running');
  expect(app.consoleErrors).toEqual([]);
});

test('cordon, drain, stop node and break image', async ({ page }) => {
  const app = await withDeployment(page);
  const panel = faults(page);
  await panel.getByRole('combobox', { name: 'Node' }).selectOption('node2');
  await panel.getByRole('button', { name: 'Cordon', exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText('node/node2 cordoned');
  await panel.getByRole('button', { name: 'Drain' }).click();
  await expect(panel.getByRole('status')).toContainText('node/node2 drained');
  await expect(panel.getByRole('status')).toContainText('Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-');
  // Every default pod now runs on node3; the evicted ones were killed.
  await expect(app.graph.locator('[data-kind="Pod"][data-namespace="default"][data-phase="Running"][data-node="node3"]')).toHaveCount(2, { timeout: 30_000 });
  await panel.getByRole('button', { name: 'Uncordon' }).click();
  await expect(panel.getByRole('status')).toHaveText('node/node2 uncordoned');

  await app.speed.selectOption('20');
  await panel.getByRole('combobox', { name: 'Node' }).selectOption('node3');
  await panel.getByRole('button', { name: 'Stop node' }).click();
  await expect(eventRow(app, 'NodeNotReady', /^node\/node3$/)).toHaveCount(1, { timeout: 30_000 });
  await panel.getByRole('button', { name: 'Start node' }).click();

  await panel.getByRole('combobox', { name: 'Deployment' }).selectOption('default/web');
  await panel.getByRole('button', { name: 'Break image' }).click();
  await expect(panel.getByRole('status')).toHaveText('deployment.apps/web image updated');
  await expect(app.events.locator('tbody tr[data-reason="Failed"]').filter({ hasText: 'Failed to pull image "nginx:does-not-exist"' }).first()).toBeVisible({ timeout: 30_000 });
  expect(app.consoleErrors).toEqual([]);
});

test('the inspector shows YAML, describe, events and logs; tables list each kind', async ({ page }) => {
  const app = await withDeployment(page);
  const name = await app.graph.locator('[data-kind="Pod"][data-namespace="default"]').first().getAttribute('data-name');
  await app.graph.locator(`[data-kind="Pod"][data-name="${name}"]`).click();
  const inspector = page.getByRole('dialog', { name: 'Inspector' });
  await expect(inspector).toHaveAttribute('data-name', name ?? '');
  const output = inspector.locator('pre.kubectl-output');
  await expect(output).toHaveAttribute('data-view', 'yaml');
  await expect(output).toContainText(`apiVersion: v1\nkind: Pod\nmetadata:`);
  await expect(output).toContainText(`  name: ${name}\n`);
  await inspector.getByRole('tab', { name: 'Describe' }).click();
  await expect(output).toContainText(new RegExp(`^Name:\\s+${name}\\nNamespace:\\s+default\\n`));
  await inspector.getByRole('tab', { name: 'Events' }).click();
  await expect(inspector.locator('tr[data-reason="Scheduled"]')).toHaveCount(1);
  await inspector.getByRole('tab', { name: 'Logs' }).click();
  await expect(output).toHaveAttribute('data-view', 'logs');
  await expect(output).toContainText('/docker-entrypoint.sh');
  await inspector.getByRole('button', { name: 'Close' }).click();
  await expect(inspector).toHaveCount(0);

  const tables = page.getByRole('region', { name: 'Resources', exact: true });
  await tables.getByRole('tab', { name: 'Deployments' }).click();
  const row = tables.locator('tr[data-kind="Deployment"][data-name="web"]');
  await expect(row.locator('td')).toHaveText(['default', 'web', '2/2', '2', '2', /^\d+s$/]);
  await expect(tables.locator('th')).toHaveText(['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  await tables.getByRole('tab', { name: 'Nodes' }).click();
  await expect(tables.locator('tr[data-kind="Node"]')).toHaveCount(3);
  await tables.locator('tr[data-kind="Node"][data-name="node2"]').click();
  await expect(inspector).toHaveAttribute('data-name', 'node2');
  await expect(output).toContainText('kind: Node');
  expect(app.consoleErrors).toEqual([]);
});
