import { describe, it, expect } from 'vitest';
import { LineEditor, commonPrefix, formatColumns } from './line-editor';

/** A minimal VT screen: enough of xterm's behaviour (pending wrap, CSI A/B/C/J, CR, LF). */
class Screen {
  rows: string[][] = [[]];
  row = 0;
  col = 0;
  private pendingWrap = false;
  constructor(readonly width: number) {}
  write(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === '\x1b') {
        const m = /^\x1b\[(\d*)([A-Za-z])/.exec(s.slice(i));
        if (!m) throw new Error(`unexpected escape ${JSON.stringify(s.slice(i, i + 6))}`);
        i += m[0].length - 1;
        const n = m[1] === '' ? 1 : Number(m[1]);
        this.pendingWrap = false;
        if (m[2] === 'A') this.row = Math.max(0, this.row - n);
        else if (m[2] === 'B') this.row = Math.min(this.rows.length - 1, this.row + n);
        else if (m[2] === 'C') this.col = Math.min(this.width - 1, this.col + n);
        else if (m[2] === 'J' && m[1] === '') {
          this.line().length = this.col;
          this.rows.length = this.row + 1;
        } else if (m[2] === 'J' || m[2] === 'H') {
          if (m[2] === 'J' && m[1] === '2') this.rows = this.rows.map(() => []);
          if (m[2] === 'H') { this.row = 0; this.col = 0; }
          if (m[2] === 'J' && m[1] === '3') this.rows = this.rows.slice(0, 1);
        } else throw new Error(`unsupported CSI ${m[0]}`);
        continue;
      }
      if (ch === '\r') { this.col = 0; this.pendingWrap = false; continue; }
      if (ch === '\b') { this.col = Math.max(0, this.col - 1); this.pendingWrap = false; continue; }
      if (ch === '\n') { this.newRow(); continue; }
      if (this.pendingWrap) { this.newRow(); this.col = 0; this.pendingWrap = false; }
      const line = this.line();
      while (line.length < this.col) line.push(' ');
      line[this.col] = ch;
      if (this.col === this.width - 1) this.pendingWrap = true;
      else this.col++;
    }
  }
  private newRow(): void {
    this.row++;
    if (this.row >= this.rows.length) this.rows.push([]);
  }
  private line(): string[] {
    return this.rows[this.row];
  }
  text(): string {
    return this.rows.map((r) => r.join('').trimEnd()).join('\n');
  }
}

const PROMPT = 'k8s@node1:~$ ';

function setup(opts: { history?: string[]; columns?: number } = {}) {
  const ed = new LineEditor(opts);
  const screen = new Screen(opts.columns ?? 80);
  screen.write(ed.start(PROMPT));
  const type = (data: string) => {
    const r = ed.feed(data);
    screen.write(r.output);
    return r.actions;
  };
  return { ed, screen, type };
}

describe('LineEditor', () => {
  it('echoes typing and submits the line on Enter', () => {
    const { ed, screen, type } = setup();
    expect(type('kubectl get nodes')).toEqual([]);
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get nodes');
    expect(type('\r')).toEqual([{ type: 'submit', line: 'kubectl get nodes' }]);
    expect(ed.active).toBe(false);
    expect([screen.row, screen.col]).toEqual([1, 0]);
  });

  it('writes exact ANSI for an insertion in the middle', () => {
    const ed = new LineEditor();
    ed.start('$ ');
    ed.feed('ac');
    expect(ed.feed('\x1b[D').output).toBe('\r\x1b[3C');
    expect(ed.feed('b').output).toBe('bc\x1b[J\r\x1b[4C');
    expect(ed.line).toBe('abc');
  });

  it('moves with arrows, Home/End and Ctrl-A/E and inserts at the cursor', () => {
    const { ed, screen, type } = setup();
    type('get pods');
    type('\x1b[H');
    expect(ed.cursor).toBe(0);
    type('kubectl ');
    type('\x05');
    expect(ed.cursor).toBe(ed.line.length);
    type('\x01\x1b[C\x1b[C');
    expect(ed.cursor).toBe(2);
    type('\x1b[F -A');
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get pods -A');
    expect(screen.col).toBe(PROMPT.length + ed.line.length);
  });

  it('deletes with Backspace, Delete and Ctrl-D', () => {
    const { ed, screen, type } = setup();
    type('kubectx');
    type('\x7f');
    type('l');
    type('\x01\x1b[3~');
    expect(ed.line).toBe('ubectl');
    type('\x04');
    expect(ed.line).toBe('bectl');
    expect(screen.text()).toBe('k8s@node1:~$ bectl');
  });

  it('kills with Ctrl-K, Ctrl-U, Ctrl-W and yanks with Ctrl-Y', () => {
    const { ed, screen, type } = setup();
    type('kubectl get pods -o wide');
    type('\x17');
    expect(ed.line).toBe('kubectl get pods -o ');
    type('\x17\x17');
    expect(ed.line).toBe('kubectl get ');
    type('\x19');
    expect(ed.line).toBe('kubectl get pods ');
    type('\x01\x1b[C\x0b');
    expect(ed.line).toBe('k');
    type('\x05\x15');
    expect(ed.line).toBe('');
    expect(screen.text()).toBe('k8s@node1:~$');
  });

  it('walks history with up/down and keeps the draft', () => {
    const { ed, screen, type } = setup({ history: ['ls', 'kubectl get nodes'] });
    type('dra');
    type('\x1b[A');
    expect(ed.line).toBe('kubectl get nodes');
    type('\x1b[A\x1b[A');
    expect(ed.line).toBe('ls');
    expect(screen.text()).toBe('k8s@node1:~$ ls');
    type('\x1b[B');
    expect(ed.line).toBe('kubectl get nodes');
    type('\x1b[B');
    expect(ed.line).toBe('dra');
    expect(screen.text()).toBe('k8s@node1:~$ dra');
  });

  it('adds submitted lines to history like HISTCONTROL=ignoreboth', () => {
    const { ed, type } = setup({ history: ['ls'] });
    type('ls\r');
    ed.start(PROMPT);
    type(' secret\r');
    ed.start(PROMPT);
    type('pwd\r');
    expect(ed.entries).toEqual(['ls', 'pwd']);
  });

  it('Ctrl-C prints ^C, drops the line and asks for an interrupt', () => {
    const { ed, screen, type } = setup();
    type('kubectl get po');
    expect(type('\x03')).toEqual([{ type: 'interrupt' }]);
    expect(ed.active).toBe(false);
    screen.write(ed.start(PROMPT));
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get po^C\nk8s@node1:~$');
    expect(ed.line).toBe('');
  });

  it('while a command runs, input is a cooked TTY line for its stdin', () => {
    const { ed, screen, type } = setup();
    type('cat\r');
    expect(ed.feed('abc\x1b[A')).toEqual({ output: 'abc', actions: [] });
    screen.write('abc');
    const erase = ed.feed('\x7f').output;
    expect(erase).toBe('\b \b');
    screen.write(erase);
    expect(type('d\r')).toEqual([{ type: 'stdin', data: 'abd\n' }]);
    expect(type('xy\x15')).toEqual([]);
    expect(type('hi\x04')).toEqual([{ type: 'stdin', data: 'hi' }]);
    expect(type('\x04')).toEqual([{ type: 'stdin', data: '', eof: true }]);
    expect(screen.text()).toBe('k8s@node1:~$ cat\nabd\nhi');
    expect(ed.feed('\x03')).toEqual({ output: '^C\r\n', actions: [{ type: 'interrupt' }] });
  });

  it('a pasted line that a running command reads goes to its stdin, line by line', () => {
    const { type } = setup();
    type('kubectl exec -it bb -- sh\r');
    expect(type('hostname\rexit\r')).toEqual([
      { type: 'stdin', data: 'hostname\n' },
      { type: 'stdin', data: 'exit\n' },
    ]);
  });

  it('Ctrl-L clears the screen and redraws the line', () => {
    const { ed, screen, type } = setup();
    type('ls\r');
    screen.write('file\r\n' + ed.start(PROMPT));
    type('echo hi\x1b[D');
    expect(screen.text()).toBe('k8s@node1:~$ ls\nfile\nk8s@node1:~$ echo hi');
    expect(type('\x0c')).toEqual([{ type: 'clear' }]);
    expect(screen.text()).toBe('k8s@node1:~$ echo hi');
    expect([screen.row, screen.col]).toEqual([0, PROMPT.length + 6]);
  });

  it('Tab asks for completion; one candidate completes with a space, several to the common prefix', () => {
    const { ed, screen, type } = setup();
    type('kub');
    expect(type('\t')).toEqual([{ type: 'complete', line: 'kub', cursor: 3 }]);
    screen.write(ed.complete(['kubectl']));
    expect(ed.line).toBe('kubectl ');
    type('get po');
    screen.write(ed.complete(['pods', 'poddisruptionbudgets']));
    expect(ed.line).toBe('kubectl get pod');
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get pod');
  });

  it('lists candidates when completion makes no progress, then redraws the line', () => {
    const { ed, screen, type } = setup({ columns: 40 });
    type('kubectl get p');
    screen.write(ed.complete(['pods', 'pv', 'pvc']));
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get p\npods  pv    pvc\nk8s@node1:~$ kubectl get p');
    expect(ed.line).toBe('kubectl get p');
    expect(screen.col).toBe(26);
  });

  it('keeps the cursor right on lines that wrap, at exactly the width too', () => {
    const width = 20;
    const { ed, screen, type } = setup({ columns: width });
    const text = 'x'.repeat(width - PROMPT.length);
    type(text);
    expect([screen.row, screen.col]).toEqual([1, 0]);
    type('yz');
    expect(screen.text()).toBe(`k8s@node1:~$ ${text}\nyz`);
    type('\x01');
    expect([screen.row, screen.col]).toEqual([0, PROMPT.length]);
    type('A');
    expect(screen.text()).toBe(`k8s@node1:~$ A${text}\nyz`.replace(/x\nyz$/, '\nxyz'));
    expect([screen.row, screen.col]).toEqual([0, PROMPT.length + 1]);
    type('\x05');
    expect([screen.row, screen.col]).toEqual([1, 3]);
    type('\x15');
    expect(ed.line).toBe('');
    expect(screen.text()).toBe('k8s@node1:~$');
    expect([screen.row, screen.col]).toEqual([0, PROMPT.length]);
  });

  it('runs a multi-line paste line by line, each at its own prompt; the last line stays to edit', () => {
    const { ed, screen, type } = setup();
    expect(type('\x1b[200~echo a\r\necho b\recho c\x1b[201~')).toEqual([{ type: 'submit', line: 'echo a' }]);
    expect(ed.hasQueued).toBe(true);
    const next = () => {
      screen.write(ed.start(PROMPT));
      const r = ed.replayQueued();
      screen.write(r.output);
      return r.actions;
    };
    expect(next()).toEqual([{ type: 'submit', line: 'echo b' }]);
    expect(next()).toEqual([]);
    expect(ed.line).toBe('echo c');
    expect(ed.hasQueued).toBe(false);
    expect(screen.text()).toBe('k8s@node1:~$ echo a\nk8s@node1:~$ echo b\nk8s@node1:~$ echo c');
  });

  it('Ctrl-C drops pasted lines that wait for a prompt', () => {
    const { ed, type } = setup();
    type('sleep 9\rsleep 8\r');
    expect(ed.hasQueued).toBe(true);
    type('\x03');
    expect(ed.hasQueued).toBe(false);
  });
});

describe('LineEditor reverse-i-search (Ctrl-R)', () => {
  const history = ['kubectl get pods', 'echo quick', 'kubectl get nodes', 'ls'];

  it('shows the query and the newest match as bash does, older matches on Ctrl-R, failure', () => {
    const { ed, screen, type } = setup({ history });
    type('\x12');
    expect(ed.searching).toBe(true);
    expect(screen.text()).toBe("(reverse-i-search)`':");
    expect(screen.col).toBe("(reverse-i-search)`': ".length);
    type('q');
    expect(screen.text()).toBe("(reverse-i-search)`q': echo quick");
    expect(screen.col).toBe("(reverse-i-search)`q': echo ".length);
    type('\x7f');
    type('get');
    expect(screen.text()).toBe("(reverse-i-search)`get': kubectl get nodes");
    type('\x12');
    expect(screen.text()).toBe("(reverse-i-search)`get': kubectl get pods");
    type('\x12');
    expect(screen.text()).toBe("(failed reverse-i-search)`get': kubectl get pods");
    expect(type('\r')).toEqual([{ type: 'submit', line: 'kubectl get pods' }]);
    expect(ed.searching).toBe(false);
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get pods\n');
  });

  it('Ctrl-G gives the original line back; an arrow key keeps the match to edit', () => {
    const { ed, screen, type } = setup({ history });
    type('draft');
    type('\x12nod\x07');
    expect(ed.searching).toBe(false);
    expect(ed.line).toBe('draft');
    expect(screen.text()).toBe('k8s@node1:~$ draft');
    type('\x12nod\x1b[C');
    expect(ed.searching).toBe(false);
    expect(ed.line).toBe('kubectl get nodes');
    expect(screen.text()).toBe('k8s@node1:~$ kubectl get nodes');
    expect(ed.cursor).toBe('kubectl get n'.length);
    type(' -o wide');
    expect(ed.line).toBe('kubectl get n -o wideodes');
  });

  it('Ctrl-R on an empty query repeats the previous search', () => {
    const { ed, type } = setup({ history });
    type('\x12get\x1b');
    expect(ed.line).toBe('kubectl get nodes');
    type('\x15');
    type('\x12\x12');
    expect(ed.line).toBe('kubectl get nodes');
    type('\x12');
    expect(ed.line).toBe('kubectl get pods');
  });
});

describe('helpers', () => {
  it('commonPrefix', () => {
    expect(commonPrefix(['deployments', 'deploy', 'daemonsets'])).toBe('d');
    expect(commonPrefix([])).toBe('');
  });
  it('formatColumns fills columns top to bottom', () => {
    expect(formatColumns(['a', 'bb', 'c', 'd', 'e'], 8)).toBe('a   d\r\nbb  e\r\nc\r\n');
  });
});
