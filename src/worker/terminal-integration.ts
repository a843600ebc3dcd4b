// The worker side of the terminal beyond lines and output (EngineCore's terminal block): the
// foreground command's stdin fed by what the user types, `vi`/`vim`/`nano` (and through them
// `kubectl edit`) opening editor tabs with an `editor.open` push and waiting for `editor.done`,
// and Tab completion that knows kubectl and the live cluster.
// Leaves out: several terminals per session (one foreground command at a time).
import { createShell, shellQuote } from '../shell';
import type { Interrupt, Shell } from '../shell';
import { createKubectl } from '../shell/commands/kubectl';
import { EDITOR_COMMAND_NAMES, editorCommand } from './editor-commands';
import type { EditorHost } from './editor-commands';
import { KubectlCompleter, commandWords } from './kubectl-completion';
import { PROTOCOL_VERSION } from './protocol';
import type { EditorFile, EditorOpenMessage, RequestMessage, RequestResult, TerminalRequestMethod } from './protocol';
import type { Session } from './session';
import { TtyInput } from './tty-input';

export class TerminalIntegration implements EditorHost {
  private stdin: TtyInput | undefined;
  private readonly editors = new Map<number, (saved: boolean | null) => void>();
  private nextEditor = 1;
  private readonly completer: KubectlCompleter;
  private privateShell: Shell | undefined;

  constructor(
    private readonly session: Session,
    private readonly push: (msg: EditorOpenMessage) => void,
  ) {
    for (const name of EDITOR_COMMAND_NAMES) session.shell.register(name, editorCommand(name, this));
    this.completer = new KubectlCompleter((args) => this.kubectl(args));
  }

  // ------------------------------------------------------------------ stdin

  /** A fresh stdin for the command line about to run. */
  foregroundStdin(): TtyInput {
    this.stdin?.close();
    this.stdin = new TtyInput();
    return this.stdin;
  }

  commandEnded(stdin: TtyInput): void {
    stdin.close();
    if (this.stdin === stdin) this.stdin = undefined;
    // The command may have switched contexts or created CRDs: discovery is asked again.
    this.completer.invalidate();
  }

  async request(msg: RequestMessage<TerminalRequestMethod>): Promise<RequestResult<TerminalRequestMethod>> {
    switch (msg.method) {
      case 'shell.stdin': {
        const p = (msg as RequestMessage<'shell.stdin'>).params;
        const stdin = this.stdin;
        if (!stdin) return { delivered: false };
        if (p.data) stdin.write(p.data);
        if (p.eof) stdin.eof();
        this.session.cluster.clock.yieldRequested = true;
        return { delivered: true };
      }
      case 'editor.done': {
        const p = (msg as RequestMessage<'editor.done'>).params;
        const done = this.editors.get(p.session);
        if (!done) return { ok: false };
        done(p.saved);
        return { ok: true };
      }
    }
    throw new Error(`unknown method ${String((msg as { method: unknown }).method)}`);
  }

  // ------------------------------------------------------------------ editor tabs

  edit(file: EditorFile, command: string, interrupt: Interrupt): Promise<boolean | null> {
    if (interrupt.aborted) return Promise.resolve(null);
    const id = this.nextEditor++;
    return new Promise<boolean | null>((resolve) => {
      let off = () => {};
      const finish = (saved: boolean | null) => {
        if (!this.editors.delete(id)) return;
        off();
        this.session.cluster.clock.yieldRequested = true;
        resolve(saved);
      };
      this.editors.set(id, finish);
      off = interrupt.onAbort(() => finish(null));
      this.push({ v: PROTOCOL_VERSION, type: 'editor.open', session: id, file, command });
    });
  }

  dispose(): void {
    for (const done of [...this.editors.values()]) done(null);
    this.stdin?.close();
  }

  // ------------------------------------------------------------------ completion

  async completions(line: string, cursor: number): Promise<string[]> {
    const { words, current } = commandWords(line, cursor);
    if (words[0] === 'kubectl') {
      const c = await this.completer.complete(words, current);
      if (c !== null) return c;
    }
    return this.session.shell.complete(line, cursor);
  }

  /** `kubectl ARGS` in a private shell on the user's files (kubeconfig) and working directory. */
  private async kubectl(args: string[]): Promise<string> {
    const { cluster, clusters, shell, sys } = this.session;
    if (!this.privateShell) {
      const kubectl = createKubectl({
        request: (req) => cluster.request(req),
        now: () => cluster.clock.now(),
        connect: (server) => clusters.connect(server),
      });
      this.privateShell = createShell({ sys, fs: shell.fs, cwd: shell.cwd, home: shell.env.get('HOME'), commands: new Map([['kubectl', kubectl]]) });
    }
    const kubeconfig = shell.env.get('KUBECONFIG');
    const prefix = kubeconfig ? `KUBECONFIG=${shellQuote(kubeconfig)} ` : '';
    let out = '';
    await this.privateShell.execute(`cd ${shellQuote(shell.cwd)} 2>/dev/null; ${prefix}kubectl ${args.map((a) => shellQuote(a)).join(' ')}`, {
      stdout: { write: (d) => void (out += d) },
      stderr: { write: () => {} },
      isTTY: false,
    });
    cluster.clock.yieldRequested = true;
    return out;
  }
}
