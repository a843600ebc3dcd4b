// Keyboard-only use of the playground: skip link to the terminal, typing and Tab completion,
// leaving the terminal with Esc then Tab, the graph's objects by arrows, the inspector (ARIA
// tabs, Esc gives the focus back), the theme and the language, the time shortcuts (also from
// inside the terminal, without typing into it), the keyboard help dialog; landmarks, names and
// visible focus rings. Only `page.keyboard` drives the page after it has loaded.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

/** What has the focus, described for assertions. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      inTerminal: el.closest('.panel.terminal') !== null,
      inGraph: el.closest('.graph-svg') !== null,
      inInspector: el.closest('.inspector') !== null,
      inMonaco: el.closest('.monaco-editor') !== null,
      kind: el.getAttribute('data-kind'),
      name: el.getAttribute('data-name'),
      focusId: el.getAttribute('data-focus-id'),
      outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
      outlineColor: cs.outlineColor,
    };
  });
}

type Focused = NonNullable<Awaited<ReturnType<typeof focused>>>;

/**
 * Presses Tab (or Shift+Tab) until the focused element passes `want`; fails after `max` presses.
 * Inside the terminal or the editor it presses Esc first, as the keyboard help says.
 */
async function tabTo(page: Page, want: (f: Focused) => boolean, what: string, opts: { back?: boolean; max?: number } = {}): Promise<Focused> {
  for (let i = 0; i < (opts.max ?? 40); i++) {
    const now = await focused(page);
    if (now?.inTerminal || now?.inMonaco) await page.keyboard.press('Escape');
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && want(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

const lastLine = (text: string) => text.split('\n').at(-1) ?? '';

/** The theme's --focus colour as the browser computes it (rgb(...)). */
const focusColour = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--focus)';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });

test('landmarks, headings and names', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Timonel');
  for (const name of ['Terminal', 'YAML editor', 'Cluster graph', 'Events']) {
    await expect(page.getByRole('main').getByRole('region', { name, exact: true })).toHaveCount(1);
  }
  for (const name of ['Pause', 'Play', 'Step', 'Theme', 'Keyboard shortcuts']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  await expect(page.getByRole('combobox', { name: 'Speed', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+P');
  // Every h2 sits under the one h1: no skipped levels.
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  expect(levels.every((l, i) => i === 0 || l <= (levels[i - 1] ?? 1) + 1)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});

test('keyboard only: terminal, graph, inspector, theme, language and time', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();

  // The page opens with the focus in the terminal. Esc then Shift+Tab goes back through the
  // header to the skip links, which come first in the Tab order; the second one lands in the
  // terminal again.
  expect(await focused(page)).toMatchObject({ inTerminal: true });
  await page.keyboard.press('Escape');
  await tabTo(page, (f) => f.tag === 'a' && f.text === 'Skip to the terminal', 'the skip links', { back: true });
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to main content' });
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).not.toMatchObject({ tag: 'a' }); // nothing before them
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to main content' });
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to the terminal' });
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ inTerminal: true });
  // The terminal's panel shows a focus ring while its input has the focus.
  const ring = await page.locator('.panel.terminal').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).toBe('solid');

  // Type a command; Tab still completes inside the terminal.
  await page.keyboard.type('kubectl create deployment web --image=nginx --replicas=2');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await app.terminalText()).split('\n').slice(-2).join('\n')).toBe('deployment.apps/web created\nk8s@node1:~$');
  await page.keyboard.type('kubectl ver');
  await page.keyboard.press('Tab');
  await expect.poll(async () => lastLine(await app.terminalText())).toBe('k8s@node1:~$ kubectl version');
  expect(await focused(page)).toMatchObject({ inTerminal: true });
  await page.keyboard.press('Control+U');
  await expect.poll(async () => lastLine(await app.terminalText())).toBe('k8s@node1:~$');

  // Esc then Tab leaves the terminal (to the YAML editor's button); Shift+Tab comes back in.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Open editor', inTerminal: false });
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ inTerminal: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');

  // The graph: one Tab stop (the first Node box), arrows move between the drawn objects; Home
  // goes to the first one (the controllers are drawn above the nodes).
  const first = await tabTo(page, (f) => f.inGraph, 'the cluster graph');
  expect(first.kind).toBe('Node');
  const seen = new Set([first.focusId]);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
    const f = await focused(page);
    expect(f?.inGraph).toBe(true);
    seen.add(f?.focusId ?? null);
  }
  expect(seen.size).toBe(5);
  await page.keyboard.press('Home');
  let at = await focused(page);
  for (let i = 0; i < 80 && !(at?.kind === 'Deployment' && at.name === 'web'); i++) {
    await page.keyboard.press('ArrowRight');
    at = await focused(page);
  }
  expect(at).toMatchObject({ inGraph: true, kind: 'Deployment', name: 'web' });

  // Enter opens the inspector on it, with the focus inside; the view tabs take arrows.
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('dialog', { name: 'Inspector' });
  await expect(inspector).toHaveAttribute('data-name', 'web');
  await expect(inspector).toHaveAttribute('data-kind', 'Deployment');
  expect(await focused(page)).toMatchObject({ inInspector: true, tag: 'h2' });
  await tabTo(page, (f) => f.inInspector && f.text === 'YAML', 'the YAML tab');
  await expect(inspector.locator('pre[data-view="yaml"]')).toContainText('kind: Deployment');
  await page.keyboard.press('ArrowRight');
  await expect(inspector.getByRole('tab', { name: 'Describe' })).toHaveAttribute('aria-selected', 'true');
  expect(await focused(page)).toMatchObject({ text: 'Describe' });
  await expect(inspector.locator('pre[data-view="describe"]')).toContainText(/^Name:\s+web$/m);
  await page.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
  expect(await focused(page)).toMatchObject({ inGraph: true, kind: 'Deployment', name: 'web' });

  // The theme toggle, by keyboard; the focus ring uses the theme's --focus colour.
  const toggle = await tabTo(page, (f) => f.text === 'Theme', 'the theme toggle', { back: true });
  expect(toggle.outline).toBe('solid 2px');
  expect(toggle.outlineColor).toBe(await focusColour(page));
  const before = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('Enter');
  const after = before === 'dark' ? 'light' : 'dark';
  await expect(page.locator('html')).toHaveAttribute('data-theme', after);
  const toggled = await focused(page);
  expect(toggled?.outlineColor).toBe(await focusColour(page));
  expect(toggled?.outlineColor).not.toBe(toggle.outlineColor); // the ring follows the theme

  // The language, by keyboard: English → Spanish, names and URL follow.
  await tabTo(page, (f) => f.text === 'Language', 'the language switch', { back: true });
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
  const es = new PlaygroundPage(page, 'es');
  await expect(es.graph).toBeVisible();
  await expect(page.getByRole('region', { name: 'Editor YAML', exact: true })).toBeVisible();
  await expect(es.pauseButton).toBeVisible();
  // Panels that translate through cached-t.ts follow the switch too.
  for (const name of ['Eventos', 'Inyección de fallos', 'Recursos']) await expect(page.getByRole('region', { name, exact: true })).toBeVisible();

  // Time: Alt+Shift+P from the header pauses, the clock stops; the status line says so.
  await expect.poll(() => es.clockNow()).toBeGreaterThan(0);
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(es.pauseButton).toBeDisabled();
  await expect(page.getByRole('group', { name: 'Control de la hora virtual' }).getByRole('status')).toHaveText('En pausa');
  const paused = await es.clockNow();
  await page.waitForTimeout(1200);
  expect(await es.clockNow()).toBe(paused);
  // Alt+Shift+. steps one second; Alt+Shift++ and - walk the speeds.
  await page.keyboard.press('Alt+Shift+Period');
  await expect.poll(() => es.clockNow()).toBe(paused + 1000);
  await expect(es.speed).toHaveValue('1');
  await page.keyboard.press('Alt+Shift+Equal');
  await expect(es.speed).toHaveValue('2');
  await page.keyboard.press('Alt+Shift+Equal');
  await expect(es.speed).toHaveValue('5');
  await page.keyboard.press('Alt+Shift+Minus');
  await expect(es.speed).toHaveValue('2');

  // The same shortcut from inside the terminal plays again, and types nothing there.
  await tabTo(page, (f) => f.inTerminal, 'the terminal');
  const termBefore = await app.terminalText();
  await page.keyboard.press('Alt+Shift+KeyP');
  await expect(es.playButton).toBeDisabled();
  await expect.poll(() => es.clockNow(), { timeout: 5000 }).toBeGreaterThan(paused + 2000);
  expect(await app.terminalText()).toBe(termBefore);
  expect(await focused(page)).toMatchObject({ inTerminal: true });

  // Pause with the button: the focus moves on to Play (the pressed one is now disabled).
  await page.keyboard.press('Escape');
  await tabTo(page, (f) => f.text === 'Pausa', 'the Pause button', { back: true });
  await page.keyboard.press('Enter');
  await expect(es.pauseButton).toBeDisabled();
  await expect.poll(async () => (await focused(page))?.text).toBe('Reproducir');
  await page.keyboard.press('Enter');
  await expect(es.playButton).toBeDisabled();
  await expect.poll(async () => (await focused(page))?.text).toBe('Pausa');

  expect(app.consoleErrors).toEqual([]);
});

test('keyboard help opens from the header, lists the shortcuts and closes with Esc', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await page.keyboard.press('Escape');
  await tabTo(page, (f) => f.text === 'Keyboard shortcuts', 'the help button', { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('tr[data-help="help.leave"]')).toHaveText('Esc, Tab / Esc, Shift+TabLeave the terminal or the YAML editor (Tab alone completes or indents)');
  await expect(dialog.locator('tr[data-help="help.toggle"]')).toHaveText('Alt+Shift+PPause or play the virtual clock');
  // Modal: Tab never reaches the page behind it (only the dialog, or out to the browser).
  expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.closest('dialog') !== null)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await focused(page)).toMatchObject({ text: 'Keyboard shortcuts' });
  expect(app.consoleErrors).toEqual([]);
});

test('the YAML editor: reachable, named buttons, Esc then Tab leaves Monaco', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ text: 'Open editor' });
  await page.keyboard.press('Enter');
  const editor = page.getByRole('region', { name: 'YAML editor', exact: true });
  const templates = editor.getByRole('combobox', { name: 'Templates', exact: true });
  await expect(templates).toBeEnabled({ timeout: 30_000 });
  await expect(editor.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await expect(editor.getByRole('button', { name: 'Dry run', exact: true })).toBeDisabled();
  expect(await focused(page)).toMatchObject({ tag: 'section', text: 'YAML editor' });
  await tabTo(page, (f) => f.text === 'Templates', 'the template list', { max: 5 });
  await page.keyboard.press('ArrowDown'); // first template: Pod
  await expect(editor.getByRole('tab', { name: /^pod\.yaml/ })).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByRole('button', { name: 'Apply', exact: true })).toBeEnabled();
  // Into Monaco: Tab indents there; Esc then Tab leaves it.
  await tabTo(page, (f) => f.inMonaco, 'the Monaco editor');
  // Tab alone indents inside the editor (the focus stays there).
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ inMonaco: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ inMonaco: false, inTerminal: false });
  expect(app.consoleErrors).toEqual([]);
});
