// The parity harness: two sessions built from the same seed (so the same cluster, object for
// object), one served over HTTP to the real kubectl binary, the other driven through the
// in-browser kubectl. Each command runs once against each; virtual time is then brought to the
// same instant on both so they stay identical. Outputs are compared after normalising what
// differs by nature (ages the real kubectl computes from the wall clock, the server URL).
// Watches (`get -w`) run both kubectls, make one API change on both clusters and move virtual
// time in the same steps, then interrupt both. Port-forwards fetch one URL through each
// kubectl's forward (Node fetch for the real one, curl in the browser shell), then interrupt.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiRequest } from '../../engine';
import { createSession } from '../../worker/session';
import type { Session } from '../../worker/session';
import { advanceTo, runCommand } from '../driver';
import { createApiHttpServer, listen } from '../http/server';
import { RealTimePacer } from '../http/pacer';
import { writeKubeconfig } from '../http/kubeconfig';
import { execUpgrade } from '../http/exec-bridge';
import { portForwardUpgrade } from '../http/portforward-bridge';

/** The oldest real kubectl the suite compares against (the simulated cluster is v1.32). */
export const MIN_KUBECTL_MINOR = 32;

export interface KubectlSearch {
  /** A usable binary (v1.MIN_KUBECTL_MINOR or newer), when one was found. */
  path?: string;
  /** Why none is usable (what was found and why it was refused), for the skip message. */
  why: string;
}

/** The client version of a kubectl binary (`v1.32.4`), or undefined when it does not answer. */
export function kubectlVersion(path: string): string | undefined {
  try {
    const out = execFileSync(path, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const v = (JSON.parse(out) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real kubectl: $KUBECTL, else /usr/bin/kubectl, if it is v1.32 or newer. Debian's
 * `kubernetes-client` package is v1.20, too old to compare with (different tables, no
 * aggregated discovery, no WebSocket exec): it is refused, not installed for this suite.
 */
export function findKubectl(candidates = [process.env.KUBECTL, '/usr/bin/kubectl'].filter((x): x is string => !!x)): KubectlSearch {
  const refused: string[] = [];
  for (const p of candidates) {
    if (!existsSync(p)) continue;
    const v = kubectlVersion(p);
    const minor = v ? Number(/^v1\.(\d+)\./.exec(v)?.[1]) : NaN;
    if (minor >= MIN_KUBECTL_MINOR) return { path: p, why: '' };
    refused.push(`${p} is ${v ?? 'not a working kubectl'}`);
  }
  const found = refused.length ? `${refused.join('; ')}` : 'none at $KUBECTL or /usr/bin/kubectl';
  return {
    why: `no kubectl v1.${MIN_KUBECTL_MINOR} or newer (${found}); set $KUBECTL to one (Debian's kubernetes-client is v1.20, too old for this suite)`,
  };
}

export interface RunOutput {
  out: string;
  code: number;
}

const AGE = /\b\d+(?:\.\d+)?(?:ms|s|m|h|d|y)(?:\d+(?:s|m|h|d))*\b|<invalid>/g;

/**
 * Replaces what differs by nature between the two kubectls: the server URL, the client's own
 * version (`kubectl version`), and the ages in
 * `describe`'s Events and Non-terminated Pods tables, which the real kubectl computes from the wall clock (the
 * simulated cluster lives on virtual time); there the column padding, which depends on
 * those ages, is reduced to two spaces. Ages the server prints (tables) are compared as they are.
 */
export function normalise(text: string, serverUrl: string): string {
  const lines = text
    .split(serverUrl)
    .join('<server>')
    .replace(/^Client Version: v\S+$/m, 'Client Version: <client>')
    .split('\n');
  let inAgeTable = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^(Events|Non-terminated Pods):/.test(l)) {
      inAgeTable = true;
      continue;
    }
    if (inAgeTable && !l.startsWith('  ')) inAgeTable = false;
    if (inAgeTable) lines[i] = l.replace(AGE, '<age>').replace(/(\S) {2,}/g, '$1  ');
  }
  return lines.join('\n');
}

interface Served {
  server: Server;
  pacer: RealTimePacer;
  url: string;
  /** Set when a request that may change the cluster arrives (time flows only after it). */
  wrote: boolean;
  /** Watch requests served so far. */
  watches: number;
  /** Watch events handed to the HTTP layer so far. */
  events: number;
}

/** What a watch case does while `kubectl get -w` runs on both sides. */
export interface WatchChange {
  /** One API request made on both clusters once both watches are open. */
  change: ApiRequest;
  /** Virtual time then moves by `stepMs`, `steps` times. */
  stepMs: number;
  steps: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A local port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
const lineCount = (s: string) => s.split('\n').length - 1;

export class ParityHarness {
  private constructor(
    readonly real: Session,
    readonly browser: Session,
    private readonly served: Served[],
    readonly url: string,
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv[],
  ) {}

  /**
   * Both sessions are served over HTTP: the first is the real kubectl's cluster; the second is
   * the in-browser kubectl's, served so that a command it does not support yet can be replayed
   * there with the real kubectl (replay()), keeping the two clusters identical.
   */
  static async start(kubectl: string, seed: number): Promise<ParityHarness> {
    const real = createSession({ seed });
    const browser = createSession({ seed });
    const dir = mkdtempSync(join(tmpdir(), 'timonel-parity-'));
    mkdirSync(join(dir, 'bin'), { recursive: true });
    mkdirSync(join(dir, 'work'), { recursive: true });
    symlinkSync(kubectl, join(dir, 'bin', 'kubectl'));
    const served: Served[] = [];
    const envs: NodeJS.ProcessEnv[] = [];
    for (const [i, s] of [real, browser].entries()) {
      // Time does not move by itself: only work due now runs after each request.
      const pacer = new RealTimePacer(s.cluster.clock, { speed: 0 });
      const entry: Served = { server: undefined as unknown as Server, pacer, url: '', wrote: false, watches: 0, events: 0 };
      const server = createApiHttpServer(
        (req) => {
          if (req.method !== 'GET') entry.wrote = true;
          const res = s.cluster.request(req);
          const w = res.watch;
          if (!w) return res;
          entry.watches++;
          return { ...res, watch: { onEvent: (cb) => w.onEvent((ev) => { entry.events++; cb(ev); }), stop: () => w.stop() } };
        },
        {
          onActivity: () => pacer.kick(),
          onUpgrade: (req, socket, head) =>
            execUpgrade(s.cluster, s.sys, req, socket, head, () => pacer.kick()) || portForwardUpgrade(s.cluster, req, socket, head, () => pacer.kick()),
        },
      );
      const port = await listen(server, 0);
      const url = `http://127.0.0.1:${port}`;
      entry.server = server;
      entry.url = url;
      const home = join(dir, `home${i}`);
      const kubeconfig = writeKubeconfig(join(home, '.kube', 'config'), url);
      served.push(entry);
      envs.push({ PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: home, KUBECONFIG: kubeconfig, LANG: 'C.UTF-8' });
    }
    return new ParityHarness(real, browser, served, served[0].url, dir, envs);
  }

  /** Writes a file both kubectls can read (`-f NAME`). */
  async writeFile(name: string, content: string): Promise<void> {
    writeFileSync(join(this.dir, 'work', name), content);
    const marker = 'TIMONEL_EOF';
    await runCommand(this.browser, `cat > ${name} <<'${marker}'\n${content.replace(/\n$/, '')}\n${marker}`, { write: () => {} });
  }

  /**
   * Runs a shell command line with the real kubectl. When asked (commands that wait for the
   * cluster), virtual time advances by `flowMs` every 10 ms of wall time once the command's
   * first write has arrived, so the write happens at the same virtual time as in the browser.
   */
  runReal(command: string, flowMs = 0, target = 0): Promise<RunOutput> {
    let flowing: NodeJS.Timeout | undefined;
    if (flowMs > 0) {
      const entry = this.served[target];
      entry.wrote = false;
      flowing = setInterval(() => {
        if (entry.wrote) void entry.pacer.step(flowMs);
      }, 10);
    }
    return new Promise((resolve) => {
      execFile('bash', ['-c', command], { cwd: join(this.dir, 'work'), env: this.env[target], timeout: 20_000 }, (err, stdout, stderr) => {
        if (flowing) clearInterval(flowing);
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ out: stdout + stderr, code });
      });
    });
  }

  /** Runs a command with the real kubectl against the in-browser kubectl's cluster. */
  replay(command: string, flowMs = 0): Promise<RunOutput> {
    return this.runReal(command, flowMs, 1);
  }

  async runBrowser(command: string): Promise<RunOutput> {
    let out = '';
    const r = await runCommand(this.browser, command, { write: (s: string) => void (out += s) }, 10 * 60_000);
    return { out, code: r.code };
  }

  /**
   * `kubectl get -w` with both kubectls: once each watch is open, the same change is made on
   * each cluster and virtual time moves in the same steps; when the real kubectl has printed a
   * row for every event it was sent, both are interrupted (SIGINT; Ctrl-C in the browser shell).
   */
  async watchBoth(command: string, w: WatchChange): Promise<{ real: RunOutput; browser: RunOutput }> {
    const entry = this.served[0];
    const watchesBefore = entry.watches;
    const child = spawn('bash', ['-c', `exec ${command}`], { cwd: join(this.dir, 'work'), env: this.env[0] });
    let realOut = '';
    child.stdout.on('data', (d: Buffer) => void (realOut += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (realOut += d.toString()));
    const exited = new Promise<number>((r) => child.on('close', (code, signal) => r(code ?? (signal ? 130 : 1))));
    const until = async (cond: () => boolean, what: string) => {
      for (let i = 0; !cond(); i++) {
        if (i > 2000) throw new Error(`parity watch: timed out waiting for ${what}; output so far:\n${realOut}`);
        await sleep(5);
      }
    };
    try {
      await until(() => entry.watches > watchesBefore, 'the real kubectl to open its watch');
      // The initial list is printed before the watch request is sent.
      await sleep(50);
      const realLines = lineCount(realOut);
      const eventsBefore = entry.events;

      let browserOut = '';
      const sink = { write: (t: string) => void (browserOut += t) };
      const running = this.browser.shell.execute(command, { stdout: sink, stderr: sink, isTTY: false });
      // The in-browser kubectl lists and opens its watch without waiting on the clock.
      for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));

      for (const session of [this.real, this.browser]) {
        const res = session.cluster.request(w.change);
        if (res.status >= 300) throw new Error(`parity watch: change failed with ${res.status}: ${JSON.stringify(res.body)}`);
      }
      const start = this.real.cluster.clock.now();
      for (let i = 1; i <= w.steps; i++) {
        await advanceTo(this.real, start + i * w.stepMs);
        await advanceTo(this.browser, start + i * w.stepMs);
      }
      await until(() => lineCount(realOut) - realLines >= entry.events - eventsBefore, 'the real kubectl to print every event');
      child.kill('SIGINT');
      this.browser.shell.interrupt();
      const browserCode = await running;
      const realCode = await exited;
      return { real: { out: realOut, code: realCode }, browser: { out: browserOut, code: browserCode } };
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  /**
   * `kubectl port-forward ... PORT:REMOTE` with both kubectls (PORT becomes a free local port,
   * the same number on both sides). The real kubectl runs until its `Forwarding from` lines are
   * printed, `path` is fetched from Node through the forward, then it gets SIGINT; its output is
   * what it printed up to the fetch, the fetched body, then what it printed after. The browser
   * shell runs `CMD & sleep 1; curl -s URL; kill -INT %1; wait %1`, whose output interleaves
   * the same way; the exit status is the port-forward's on both sides. A port-forward that ends
   * before forwarding (an error) is compared as a plain command.
   */
  async portForwardBoth(command: string, path: string): Promise<{ real: RunOutput; browser: RunOutput }> {
    const port = await freePort();
    const cmd = command.replace('PORT', String(port));
    const url = `http://127.0.0.1:${port}${path}`;
    const child = spawn('bash', ['-c', `exec ${cmd}`], { cwd: join(this.dir, 'work'), env: this.env[0] });
    let realOut = '';
    child.stdout.on('data', (d: Buffer) => void (realOut += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (realOut += d.toString()));
    const exited = new Promise<number>((r) => child.on('close', (code, signal) => r(code ?? (signal ? 130 : 1))));
    const until = async (cond: () => boolean, what: string) => {
      for (let i = 0; !cond(); i++) {
        if (i > 1000 || child.exitCode !== null) throw new Error(`parity port-forward: gave up waiting for ${what}; output so far:\n${realOut}`);
        await sleep(5);
      }
    };
    try {
      const ready = () => realOut.includes(`Forwarding from [::1]:${port}`) && realOut.endsWith('\n');
      await Promise.race([until(ready, 'the Forwarding from lines').catch(() => {}), exited]);
      if (!ready()) {
        // It failed before forwarding (a missing pod, no container port...): compare it as a plain command.
        if (child.exitCode === null) child.kill('SIGKILL');
        const real = { out: realOut, code: await exited };
        return { real, browser: await this.runBrowser(cmd) };
      }
      // The container answers on the virtual clock: let it flow (10 ms per 10 ms) while fetching.
      const entry = this.served[0];
      const flowing = setInterval(() => void entry.pacer.step(10), 10);
      let body: string;
      try {
        body = await (await fetch(url)).text();
      } finally {
        clearInterval(flowing);
      }
      await until(() => realOut.includes(`Handling connection for ${port}\n`), 'the Handling connection line');
      const before = realOut;
      child.kill('SIGINT');
      const realCode = await exited;
      const real = { out: before + body + realOut.slice(before.length), code: realCode };
      const browser = await this.runBrowser(`${cmd} & sleep 1; curl -s ${url}; kill -INT %1; wait %1`);
      return { real, browser };
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  /** Brings both clusters to the same virtual instant, `extraMs` after the later of the two. */
  async sync(extraMs = 1000): Promise<void> {
    const target = Math.max(this.real.cluster.clock.now(), this.browser.cluster.clock.now()) + extraMs;
    await advanceTo(this.real, target);
    await advanceTo(this.browser, target);
  }

  /** Runs setup commands on both sessions through the in-browser kubectl (same API calls on both). */
  async setup(commands: string[]): Promise<void> {
    for (const c of commands) {
      await runCommand(this.real, c, { write: () => {} });
      await runCommand(this.browser, c, { write: () => {} });
      await this.sync();
    }
  }

  async close(): Promise<void> {
    for (const { server, pacer } of this.served) {
      pacer.stop();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
