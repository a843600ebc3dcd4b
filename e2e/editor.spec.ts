// The YAML editor end to end: open it (lazy chunk), start from a template, Apply and Dry run
// through `kubectl apply -f -` in the worker, server validation errors as markers on the right
// line, schema validation and hover docs from monaco-yaml, files shared with the shell.
import { test, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';
import type { Lang } from './pages/playground-page';

const EDITOR_LABELS = {
  en: { editor: 'YAML editor', open: 'Open editor', templates: 'Templates', openFile: 'Open file', save: 'Save', apply: 'Apply', dryRun: 'Dry run', result: 'Result', line: 'line' },
  es: { editor: 'Editor YAML', open: 'Abrir editor', templates: 'Plantillas', openFile: 'Abrir archivo', save: 'Guardar', apply: 'Aplicar', dryRun: 'Prueba', result: 'Resultado', line: 'línea' },
} as const;

class EditorPage {
  readonly labels: (typeof EDITOR_LABELS)[Lang];
  constructor(readonly page: Page, lang: Lang) {
    this.labels = EDITOR_LABELS[lang];
  }
  get region(): Locator {
    return this.page.getByRole('region', { name: this.labels.editor, exact: true });
  }
  get result(): Locator {
    return this.region.getByRole('status', { name: this.labels.result, exact: true });
  }
  get monaco(): Locator {
    return this.region.locator('.monaco-editor').first();
  }
  button(name: 'save' | 'apply' | 'dryRun'): Locator {
    return this.region.getByRole('button', { name: this.labels[name], exact: true });
  }
  async open(): Promise<void> {
    await this.region.getByRole('button', { name: this.labels.open, exact: true }).click();
    await expect(this.region.getByRole('combobox', { name: this.labels.templates, exact: true })).toBeEnabled({ timeout: 30_000 });
  }
  async template(kind: string): Promise<void> {
    await this.region.getByRole('combobox', { name: this.labels.templates, exact: true }).selectOption(kind);
    await expect(this.visibleText()).resolves.toContain(`kind: ${kind}`);
  }
  /** The rendered lines (Monaco renders only the visible ones). */
  async visibleText(): Promise<string> {
    await expect(this.monaco.locator('.view-lines .view-line').first()).toBeVisible();
    const lines = await this.monaco.locator('.view-lines .view-line').evaluateAll((els) =>
      els
        .map((e) => ({ top: parseFloat(e.getAttribute('style')?.match(/top:\s*([\d.]+)px/)?.[1] ?? '0'), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return lines.join('\n');
  }
  /** Puts the cursor at the end of the first rendered line containing `text`. */
  async endOfLine(text: string): Promise<void> {
    await this.monaco.locator('.view-line', { hasText: text }).first().click();
    await this.page.keyboard.press('End');
  }
  /** Vertical centre of line `n`'s number in the gutter. */
  async lineY(n: number): Promise<number> {
    const box = await this.monaco.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${n}$`) }).boundingBox();
    if (!box) throw new Error(`line ${n} is not rendered`);
    return box.y + box.height / 2;
  }
}

const DEPLOYMENT_PODS = '[data-kind="Pod"][data-namespace="default"][data-name^="web-"]';

test('the Deployment template applies, pods appear in the graph, Dry run creates nothing', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  const editor = new EditorPage(page, 'en');
  await app.goto();
  await expect(editor.region).toBeVisible();
  await app.speed.selectOption('10');
  await editor.open();
  await editor.template('Deployment');
  await expect(editor.region.getByRole('tab', { name: /^deployment\.yaml/ })).toHaveAttribute('aria-selected', 'true');

  await editor.button('dryRun').click();
  await expect(editor.result).toHaveText('deployment.apps/web created (server dry run)');
  await page.waitForTimeout(1000);
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="web"]')).toHaveCount(0);

  await editor.button('apply').click();
  await expect(editor.result).toHaveText('deployment.apps/web created');
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="web"][data-namespace="default"]')).toHaveCount(1);
  await expect(app.graph.locator(`${DEPLOYMENT_PODS}[data-phase="Running"]`)).toHaveCount(3, { timeout: 30_000 });

  await editor.button('apply').click();
  await expect(editor.result).toHaveText('deployment.apps/web unchanged');
  expect(app.consoleErrors).toEqual([]);
});

test('a server validation error is shown and marked on its line', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  const editor = new EditorPage(page, 'en');
  await app.goto();
  await editor.open();
  await editor.template('Deployment');
  const text = await editor.visibleText();
  expect(text.split('\n')[7]).toBe('  replicas: 3');
  await editor.endOfLine('replicas: 3');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('-1');
  await expect.poll(async () => (await editor.visibleText()).split('\n')[7]).toBe('  replicas: -1');
  await editor.button('apply').click();
  const message = 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0';
  await expect(editor.result.locator('pre')).toHaveText(message);
  await expect(editor.result.locator('li')).toHaveText(['line 8: spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  const squiggles = editor.monaco.locator('.squiggly-error');
  await expect(squiggles).toHaveCount(1);
  const box = await squiggles.boundingBox();
  expect(box).not.toBeNull();
  expect(Math.abs((box?.y ?? 0) + (box?.height ?? 0) / 2 - (await editor.lineY(8)))).toBeLessThan(8);
  await expect(app.graph.locator('[data-kind="Deployment"][data-name="web"]')).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

test('the Kubernetes schema drives validation and hover docs', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  const editor = new EditorPage(page, 'en');
  await app.goto();
  await editor.open();
  await editor.template('Service');
  await expect(editor.monaco.locator('.squiggly-error, .squiggly-warning')).toHaveCount(0);
  await editor.endOfLine('type: ClusterIP');
  await page.keyboard.press('Home');
  await page.keyboard.type('typo');
  // monaco-yaml flags the unknown field from the Service schema (additionalProperties: false).
  await expect(editor.monaco.locator('.squiggly-error, .squiggly-warning')).toHaveCount(1, { timeout: 20_000 });
  await editor.monaco.locator('.view-line', { hasText: 'selector:' }).locator('span', { hasText: 'selector' }).first().hover();
  await expect(page.locator('.monaco-hover').filter({ visible: true })).toContainText('Route service traffic to pods with label keys and values matching this selector', { timeout: 20_000 });
  // Completion offers the ServiceSpec fields.
  await editor.endOfLine('typotype: ClusterIP');
  await page.keyboard.press('Enter');
  await page.keyboard.type('sessionAff');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'sessionAffinity' }).first()).toBeVisible({ timeout: 20_000 });
  expect(app.consoleErrors).toEqual([]);
});

test('files are shared with the shell: open, apply, edit and save', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  const editor = new EditorPage(page, 'en');
  await app.goto();
  await app.run(`printf 'apiVersion: v1\\nkind: Namespace\\nmetadata:\\n  name: team-a\\n' > ns.yaml`);
  await editor.open();
  await editor.region.getByRole('combobox', { name: 'Open file', exact: true }).selectOption('/home/k8s/ns.yaml');
  await expect.poll(() => editor.visibleText()).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n');
  await editor.button('apply').click();
  await expect(editor.result).toHaveText('namespace/team-a created');
  await editor.endOfLine('name: team-a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('b');
  await expect(editor.region.getByRole('tab', { name: /^ns\.yaml/ })).toContainText('●');
  await editor.button('save').click();
  await expect(editor.result).toHaveText('Saved /home/k8s/ns.yaml');
  await expect(editor.region.getByRole('tab', { name: /^ns\.yaml/ })).not.toContainText('●');
  const out = await app.run('cat ns.yaml');
  expect(out.split('\n').slice(-5).join('\n')).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-b\nk8s@node1:~$');
  expect(app.consoleErrors).toEqual([]);
});

test('Spanish labels: Editor YAML, Aplicar, Prueba', async ({ page }) => {
  const app = new PlaygroundPage(page, 'es');
  const editor = new EditorPage(page, 'es');
  await app.goto();
  await editor.open();
  await editor.template('Namespace');
  await expect(editor.button('apply')).toBeVisible();
  await editor.button('dryRun').click();
  await expect(editor.result).toHaveText('namespace/dev created (server dry run)');
  expect(app.consoleErrors).toEqual([]);
});
