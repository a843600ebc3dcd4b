// The terminal end to end: input typed while a command runs reaches it (`kubectl exec -it` into
// a busybox pod), Ctrl-R reverse-i-search, `vi FILE` and `kubectl edit` opening YAML editor tabs
// that the command waits on, and Tab completion from the live cluster. No console errors.
import { test, expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { PlaygroundPage } from './pages/playground-page';

const PROMPT = 'k8s@node1:~$';

/** The terminal's text after the last line that starts with `marker`. */
async function tail(app: PlaygroundPage, marker: string): Promise<string> {
  const text = await app.terminalText();
  const at = text.lastIndexOf(marker);
  return at < 0 ? '' : text.slice(at);
}

/** Types keys into the terminal without waiting for a prompt. */
async function type(app: PlaygroundPage, text: string, enter = true): Promise<void> {
  await app.terminal.locator('.xterm').click();
  await app.page.keyboard.type(text);
  if (enter) await app.page.keyboard.press('Enter');
}

async function waitForTail(app: PlaygroundPage, marker: string, expected: string, timeout = 30_000): Promise<void> {
  await expect.poll(() => tail(app, marker), { timeout }).toBe(expected);
}

function editorRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'YAML editor', exact: true });
}

test('kubectl exec -it into a busybox pod: typed lines reach the shell in the container', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.speed.selectOption('10');
  await app.run('kubectl run bb --image=busybox -- sleep 3600');
  const waited = await app.run('kubectl wait --for=condition=Ready pod/bb --timeout=120s');
  expect(waited.endsWith('kubectl wait --for=condition=Ready pod/bb --timeout=120s\npod/bb condition met\n' + PROMPT)).toBe(true);
  await type(app, 'kubectl exec -it bb -- sh');
  await waitForTail(app, `${PROMPT} kubectl exec -it bb -- sh`, `${PROMPT} kubectl exec -it bb -- sh\n/ #`);
  await type(app, 'hostname');
  await waitForTail(app, `${PROMPT} kubectl exec -it bb -- sh`, `${PROMPT} kubectl exec -it bb -- sh\n/ # hostname\nbb\n/ #`);
  await type(app, 'exit');
  await waitForTail(app, `${PROMPT} kubectl exec -it bb -- sh`, `${PROMPT} kubectl exec -it bb -- sh\n/ # hostname\nbb\n/ # exit\n${PROMPT}`);
  // The outer shell is back: `hostname` is node1's again.
  const after = await app.run('hostname');
  expect(after.endsWith(`${PROMPT} hostname\nnode1\n${PROMPT}`)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});

test('cat without arguments echoes typed lines until Ctrl-D', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await type(app, 'cat');
  await type(app, 'hello');
  await waitForTail(app, `${PROMPT} cat`, `${PROMPT} cat\nhello\nhello`);
  await page.keyboard.press('Control+D');
  await waitForTail(app, `${PROMPT} cat`, `${PROMPT} cat\nhello\nhello\n${PROMPT}`);
  expect(app.consoleErrors).toEqual([]);
});

test('Ctrl-R finds a previous command as readline shows it', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.run('echo first-command');
  await app.run('echo second');
  await page.keyboard.press('Control+R');
  await page.keyboard.type('first');
  await expect.poll(async () => (await app.terminalText()).split('\n').pop()).toBe("(reverse-i-search)`first': echo first-command");
  await page.keyboard.press('Enter');
  await waitForTail(app, `${PROMPT} echo first-command\nfirst-command\n${PROMPT} echo second`, `${PROMPT} echo first-command\nfirst-command\n${PROMPT} echo second\nsecond\n${PROMPT} echo first-command\nfirst-command\n${PROMPT}`);
  expect(app.consoleErrors).toEqual([]);
});

test('Tab completes kubectl verbs and object names from the cluster', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.run('kubectl create deployment web --image=nginx');
  await type(app, 'kubectl descr', false);
  await page.keyboard.press('Tab');
  await page.keyboard.type('deployments.a');
  await page.keyboard.press('Tab');
  // completion answers asynchronously from the worker: wait for it before asking for the name
  await expect.poll(async () => (await app.terminalText()).split('\n').pop()).toBe(`${PROMPT} kubectl describe deployments.apps`); // rows are read without trailing spaces
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await app.terminalText()).split('\n').pop()).toBe(`${PROMPT} kubectl describe deployments.apps web`);
  await page.keyboard.press('Control+U');
  expect(app.consoleErrors).toEqual([]);
});

test('vi pod.yaml opens an editor tab; saving writes the file and returns to the prompt', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await type(app, 'vi pod.yaml');
  const editor = editorRegion(page);
  const tab = editor.getByRole('tab', { name: /^pod\.yaml/ });
  await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await editor.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.type('kind: Pod');
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForTail(app, `${PROMPT} vi pod.yaml`, `${PROMPT} vi pod.yaml\n${PROMPT}`);
  const cat = await app.run('cat pod.yaml');
  // The file has no final newline, so the prompt follows it on the same line, as in bash.
  expect(cat.endsWith(`${PROMPT} cat pod.yaml\nkind: Pod${PROMPT}`)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});

test('kubectl edit in the browser changes the replicas of a Deployment', async ({ page }) => {
  const app = new PlaygroundPage(page, 'en');
  await app.goto();
  await app.run('kubectl create deployment web --image=nginx');
  await type(app, 'kubectl edit deployment web');
  const editor = editorRegion(page);
  await expect(editor.getByRole('tab', { name: /^kubectl-edit-\d{10}\.yaml/ })).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  const monaco = editor.locator('.monaco-editor').first();
  await expect(monaco.locator('.view-line').first()).toContainText('# Please edit the object below.');
  await monaco.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  // Find spec.replicas (spec comes before status; typing selects the first match), close the
  // find widget, type over the selection.
  await page.keyboard.press('Control+F');
  await page.keyboard.type('  replicas: 1');
  await page.keyboard.press('Escape');
  await page.keyboard.type('  replicas: 3');
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForTail(app, `${PROMPT} kubectl edit deployment web`, `${PROMPT} kubectl edit deployment web\ndeployment.apps/web edited\n${PROMPT}`);
  const out = await app.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'");
  expect(out.endsWith(`${PROMPT} kubectl get deploy web -o jsonpath='{.spec.replicas}'\n3${PROMPT}`)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});
