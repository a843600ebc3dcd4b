// Golden transcripts: every testdata/kubectl/*.sh runs through the same path as `npm run sim`
// (a seed-1 session, each top-level command echoed as `$ cmd`, one virtual second between
// commands) and its whole output must equal the sibling .out file. `UPDATE_GOLDEN=1` rewrites them.
// The seed makes names, IPs and ages deterministic, so nothing is normalised.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitTopLevel } from '../shell';
import { createSession } from '../worker/session';
import { advanceTo, runCommand } from './driver';

const DIR = join(__dirname, '../../testdata/kubectl');

/** Runs a script as `npm run sim` does and returns the terminal text. */
export async function runGoldenScript(script: string): Promise<string> {
  const session = createSession({ seed: 1 });
  const chunks: string[] = [];
  const out = { write: (s: string) => void chunks.push(s) };
  for (const cmd of splitTopLevel(script)) {
    if (!cmd.trim()) continue;
    out.write(`$ ${cmd.split('\n').join('\n> ')}\n`);
    await runCommand(session, cmd, out);
    if (session.shell.exited) break;
    await advanceTo(session, session.cluster.clock.now() + 1000);
  }
  return chunks.join('');
}

const scripts = existsSync(DIR) ? readdirSync(DIR).filter((f: string) => f.endsWith('.sh')).sort() : [];

describe('kubectl golden transcripts', () => {
  for (const file of scripts) {
    it(file, async () => {
      const got = await runGoldenScript(readFileSync(join(DIR, file), 'utf8'));
      const outFile = join(DIR, file.replace(/\.sh$/, '.out'));
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(outFile, got);
      expect(got).toBe(readFileSync(outFile, 'utf8'));
    }, 60_000);
  }
});
