import { describe, it, expect } from 'vitest';
import { helpCommand, helpFor, helpPath, helpTexts } from './help';

describe('kubectl help', () => {
  it('finds the deepest command path', async () => {
    const t = await helpTexts();
    expect(helpPath(t, ['create', 'deployment', 'web'])).toBe('create deployment');
    expect(helpPath(t, ['get', 'pods'])).toBe('get');
    expect(helpPath(t, ['nope'])).toBe('');
  });

  it('has the root help with kubectl command groups', async () => {
    const root = (await helpFor([], '/home/k8s')) ?? '';
    expect(root.split('\n').slice(0, 5)).toEqual(['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', '', 'Basic Commands (Beginner):']);
    expect(root.endsWith('Use "kubectl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
  });

  it('puts the home directory into --cache-dir', async () => {
    const err: string[] = [];
    const out: string[] = [];
    await helpCommand(['options'], '/home/k8s', (s) => out.push(s), (s) => err.push(s));
    expect(out.join('')).toContain("    --cache-dir='/home/k8s/.kube/cache':\n\tDefault cache directory\n");
  });

  it('answers unknown topics on stderr with the root usage', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await helpCommand(['nope'], '/h', (s) => out.push(s), (s) => err.push(s))).toBe(0);
    expect(out).toEqual([]);
    expect(err.join('').startsWith('Unknown help topic [`nope`]\n\n\nBasic Commands (Beginner):\n')).toBe(true);
  });
});
