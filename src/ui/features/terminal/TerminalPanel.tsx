// The terminal panel: xterm.js (DOM renderer) shows the shell running in the worker. Keys go
// through the pure LineEditor; submitted lines, Ctrl-C, Tab completion and what is typed while
// a command runs (its stdin, `shell.stdin`) become protocol messages; output chunks are written
// as they stream in; pasted lines run one per prompt; `minikube dashboard`'s OSC 7770 marker
// shows the resource tables. The panel refits on resize. A toggle (remembered in localStorage)
// turns on xterm's screen reader mode (an accessible row mirror and live region); the cursor
// does not blink under `prefers-reduced-motion: reduce`. Presenter view (features/presenter)
// sets a larger font and refits. Leaves out: copy/paste menus.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useEngine } from '../../engine';
import { LineEditor } from './line-editor';
import type { FeedResult } from './line-editor';
import { parseDashboardOsc, showResourceTables } from './dashboard';
import { TERMINAL_FONT, usePresenter } from '../presenter/presenter-store';

const SCREEN_READER_KEY = 'timonel.terminal.screenReader';

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function reducedMotion(): MediaQueryList | undefined {
  return typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-reduced-motion: reduce)') : undefined;
}

export function TerminalPanel() {
  const { t } = useTranslation();
  const { client, store } = useEngine();
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  // Off by default: the mirror costs a little on every render (~10% on 1,000 lines of output).
  const [screenReader, setScreenReader] = useState(() => browserStorage()?.getItem(SCREEN_READER_KEY) === 'on');
  const screenReaderRef = useRef(screenReader);
  screenReaderRef.current = screenReader;
  const presenter = usePresenter();
  const fontSize = presenter ? TERMINAL_FONT.presenter : TERMINAL_FONT.normal;
  const fontSizeRef = useRef(fontSize);
  fontSizeRef.current = fontSize;
  const refitRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    const term = termRef.current;
    if (!term || term.options.fontSize === fontSize) return;
    term.options.fontSize = fontSize;
    refitRef.current?.();
  }, [fontSize]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = screenReader;
    try {
      browserStorage()?.setItem(SCREEN_READER_KEY, screenReader ? 'on' : 'off');
    } catch {
      // storage full or denied: the choice lasts for this page only
    }
  }, [screenReader]);

  useEffect(() => {
    const el = hostRef.current;
    if (!el) return;
    const motion = reducedMotion();
    const term = new Terminal({
      convertEol: true,
      cursorBlink: !motion?.matches,
      screenReaderMode: screenReaderRef.current,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: fontSizeRef.current,
      scrollback: 5000,
      theme: { background: '#101418', foreground: '#e6e6e6' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    termRef.current = term;
    const onMotion = () => {
      term.options.cursorBlink = !motion?.matches;
    };
    motion?.addEventListener('change', onMotion);
    const editor = new LineEditor({ columns: term.cols });
    let prompt = 'k8s@node1:~$ ';
    let running: number | null = null;
    let started = false;

    const refit = () => {
      try {
        fit.fit();
      } catch {
        return; // hidden panel: nothing to fit
      }
      editor.columns = term.cols;
      client.resize(term.cols, term.rows);
    };
    refit();
    refitRef.current = refit;

    /** Shows a prompt, then runs the next pasted line that waited for it. */
    const prompted = (p: string) => {
      term.write(editor.start(p));
      if (editor.hasQueued) handle(editor.replayQueued());
    };

    const start = () => {
      const s = store.getState();
      if (started || !s.connected) return;
      started = true;
      prompt = s.shell.prompt || prompt;
      editor.setHistory(s.shell.history);
      prompted(prompt);
      term.focus();
    };

    // `data-busy` on the panel: a command runs or a line is half typed (the demo player waits).
    const panel = el.closest('.panel.terminal');
    const markBusy = () => panel?.setAttribute('data-busy', String(running !== null || (editor.active && editor.line !== '')));

    /** A Tab completion is being computed in the worker; input typed meanwhile waits in `typedAhead`. */
    let completing = false;
    let typedAhead: string[] = [];
    const handle = (r: FeedResult) => {
      if (r.output) term.write(r.output);
      for (const a of r.actions) {
        switch (a.type) {
          case 'submit':
            running = client.sendLine(a.line);
            break;
          case 'interrupt':
            client.interrupt();
            if (running === null) prompted(prompt);
            break;
          case 'stdin':
            if (running !== null) client.request('shell.stdin', a.eof ? { data: a.data, eof: true } : { data: a.data }).catch(() => undefined);
            break;
          case 'complete':
            // As in bash, what is typed while the completion is computed waits for it and is
            // applied after it (else keys typed right after Tab made the answer stale and lost).
            completing = true;
            void client.request('shell.completions', { line: a.line, cursor: a.cursor }).then(({ candidates }) => {
              if (editor.active && !editor.searching && editor.line === a.line && editor.cursor === a.cursor) term.write(editor.complete(candidates));
            }, () => undefined).finally(() => {
              completing = false;
              const ahead = typedAhead;
              typedAhead = [];
              for (const d of ahead) {
                if (completing) typedAhead.push(d); // a Tab among them asked again
                else handle(editor.feed(d));
              }
            });
            break;
          case 'clear':
          case 'eof':
            break;
        }
      }
      markBusy();
    };

    start();
    const offStore = store.subscribe(start);

    const offClient = client.on((msg) => {
      if (msg.type === 'shell.output') term.write(msg.data);
      else if (msg.type === 'shell.complete' && msg.id === running) {
        running = null;
        if (!msg.more) prompt = msg.prompt;
        prompted(msg.more ? msg.prompt : prompt);
        markBusy();
      }
    });

    // `minikube dashboard`: ESC ] 7770 ; dashboard ; URL BEL opens the resource tables.
    const osc = term.parser.registerOscHandler(7770, (data) => {
      const url = parseDashboardOsc(data);
      if (url === null) return false;
      showResourceTables(document, url);
      return true;
    });

    const onData = term.onData((data) => {
      if (!started) return;
      if (completing) typedAhead.push(data);
      else handle(editor.feed(data));
    });

    const ro = new ResizeObserver(() => refit());
    ro.observe(el);
    return () => {
      ro.disconnect();
      osc.dispose();
      onData.dispose();
      offClient();
      offStore();
      motion?.removeEventListener('change', onMotion);
      termRef.current = null;
      refitRef.current = null;
      term.dispose();
    };
  }, [client, store]);

  return (
    <section className="panel terminal" aria-label={t('panels.terminal')}>
      <div className="panel-head">
        <span />
        <button type="button" aria-pressed={screenReader} title={t('terminal.screenReaderTitle')} onClick={() => setScreenReader((v) => !v)}>
          {t('terminal.screenReader')}
        </button>
      </div>
      <div className="terminal-host" ref={hostRef} />
    </section>
  );
}
