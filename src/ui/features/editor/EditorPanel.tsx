// The YAML editor (lazy chunk): Monaco with monaco-yaml and the Kubernetes schema the engine
// serves, tabs over files of the shell's filesystem (fs.list/read/write), starter templates,
// Save, and Apply / Dry run that run `kubectl apply -f -` (`--dry-run=server`) in the worker
// with the buffer as stdin; the API server's field errors become markers on their lines.
// Tabs opened by `vi`/`nano`/`kubectl edit` (editQueue) end that command's wait when they are
// saved (`editor.done` saved) or closed (not saved). Monaco follows the page's theme toggle.
// Keyboard: Tab indents; Esc then Tab leaves (lib/page-keys.ts), as does Monaco's own Ctrl+M.
// Leaves out: persistence of the buffers.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine } from '../../engine';
import type { EditorFsEntry } from '../../../worker/protocol';
import { SERVER_MARKER_OWNER, configureYamlSchema, monaco } from '../../monaco/setup';
import { TEMPLATES } from './templates';
import { NO_TABS, baseName, closeTab, freshPath, markSaved, openTab, setDirty } from './tabs';
import type { TabsState } from './tabs';
import { serverMarkers } from './yaml-positions';
import { editQueue } from './editor-pushes';
import type { ServerMarker } from './yaml-positions';
import { themeStore } from '../theme/ThemeToggle';
import type { Theme } from '../theme/theme';

const monacoTheme = (theme: Theme) => (theme === 'dark' ? 'vs-dark' : 'vs');

type Editor = ReturnType<typeof monaco.editor.create>;
type Model = NonNullable<ReturnType<typeof monaco.editor.getModel>>;

interface Outcome {
  ok: boolean;
  text: string;
  markers: ServerMarker[];
}

const uriOf = (path: string) => monaco.Uri.from({ scheme: 'file', path });
const modelOf = (path: string): Model | null => monaco.editor.getModel(uriOf(path));

function ensureModel(path: string, text: string): Model {
  const existing = modelOf(path);
  if (existing) {
    if (existing.getValue() !== text) existing.setValue(text);
    return existing;
  }
  return monaco.editor.createModel(text, 'yaml', uriOf(path));
}

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Only one schema request per page, shared by every mount of the panel. */
let schemaLoaded: Promise<void> | undefined;

export default function EditorPanel() {
  const { client } = useEngine();
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const viewStates = useRef(new Map<string, ReturnType<Editor['saveViewState']>>());
  const [tabs, setTabs] = useState<TabsState>(NO_TABS);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;
  const [home, setHome] = useState<string | null>(null);
  const [files, setFiles] = useState<EditorFsEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** Tabs a command waits on (`vi`, `kubectl edit`): path → editor session id. */
  const waiting = useRef(new Map<string, number>());
  const finishWait = useCallback(
    (path: string, saved: boolean) => {
      const session = waiting.current.get(path);
      if (session === undefined) return;
      waiting.current.delete(path);
      client.request('editor.done', { session, saved }).catch(() => undefined);
    },
    [client],
  );

  // Files the worker opens (`vi FILE`, `kubectl edit`): a tab with the file's current text.
  useEffect(
    () =>
      editQueue.take((e) => {
        const { path, content } = e.file;
        // A tab already waited on by an older command: that one is answered as closed.
        finishWait(path, false);
        ensureModel(path, content);
        setTabs((s) => markSaved(openTab(s, path, content), path, content));
        setOutcome(null);
        // A file shown by the demo player: nobody waits, and the focus stays where it is.
        if (e.session === null) return;
        waiting.current.set(path, e.session);
        editorRef.current?.focus();
      }),
    [finishWait],
  );

  // Monaco, the schema and the home directory, once per mount.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const editor = monaco.editor.create(host, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      fontSize: 13,
      // The page's theme (the header toggle), not only the system's.
      theme: monacoTheme(themeStore.getState().theme),
      // prefers-reduced-motion: no blinking cursor, no smooth scrolling or cursor animation.
      cursorBlinking: reduceMotion ? 'solid' : 'blink',
      smoothScrolling: false,
      cursorSmoothCaretAnimation: 'off',
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: true },
    });
    editorRef.current = editor;
    const offTheme = themeStore.subscribe((st, prev) => {
      if (st.theme !== prev.theme) monaco.editor.setTheme(monacoTheme(st.theme));
    });
    schemaLoaded ??= client.request('editor.schema', {}).then((r) => configureYamlSchema(r.schema));
    schemaLoaded.catch((e: unknown) => setOutcome({ ok: false, text: errorMessage(e), markers: [] }));
    client
      .request('fs.list', {})
      .then((r) => {
        setHome(r.path);
        setFiles(r.entries);
      })
      .catch((e: unknown) => setOutcome({ ok: false, text: errorMessage(e), markers: [] }));
    return () => {
      offTheme();
      editorRef.current = null;
      editor.dispose();
    };
  }, [client]);

  // Show the active tab's model; track unsaved changes.
  const active = tabs.active;
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const model = active ? modelOf(active) : null;
    const before = editor.getModel();
    if (before && before !== model) viewStates.current.set(before.uri.path, editor.saveViewState());
    if (before !== model) {
      editor.setModel(model);
      const view = active ? viewStates.current.get(active) : undefined;
      if (view) editor.restoreViewState(view);
    }
    editor.updateOptions({ ariaLabel: active ? t('editor.text', { file: baseName(active) }) : t('editor.label') });
    if (!model || !active) return;
    const sub = model.onDidChangeContent(() => {
      const tab = tabsRef.current.tabs.find((x) => x.path === active);
      setTabs((s) => setDirty(s, active, model.getValue() !== tab?.saved));
    });
    return () => sub.dispose();
  }, [active, t]);

  const refreshFiles = useCallback(() => {
    if (!home) return;
    client
      .request('fs.list', { path: home })
      .then((r) => setFiles(r.entries))
      .catch(() => undefined);
  }, [client, home]);

  const newFromTemplate = (kind: string) => {
    const tpl = TEMPLATES.find((x) => x.kind === kind);
    if (!tpl || !home) return;
    const path = freshPath(tabsRef.current, home, tpl.fileName, (p) => files.some((f) => f.path === p));
    ensureModel(path, tpl.text);
    setTabs((s) => openTab(s, path, null));
    setOutcome(null);
  };

  const openFile = (path: string) => {
    if (tabsRef.current.tabs.some((x) => x.path === path)) {
      setTabs((s) => openTab(s, path, null));
      return;
    }
    client
      .request('fs.read', { path })
      .then((f) => {
        ensureModel(f.path, f.content);
        setTabs((s) => openTab(s, f.path, f.content));
      })
      .catch((e: unknown) => setOutcome({ ok: false, text: errorMessage(e), markers: [] }));
  };

  const close = (path: string) => {
    finishWait(path, false);
    modelOf(path)?.dispose();
    viewStates.current.delete(path);
    setTabs((s) => closeTab(s, path));
  };

  const save = useCallback(() => {
    const path = tabsRef.current.active;
    const model = path ? modelOf(path) : null;
    if (!path || !model) return;
    const content = model.getValue();
    client
      .request('fs.write', { path, content })
      .then((r) => {
        setTabs((s) => markSaved(s, path, content));
        setOutcome({ ok: true, text: t('editor.saved', { path: r.path }), markers: [] });
        finishWait(path, true);
        refreshFiles();
      })
      .catch((e: unknown) => setOutcome({ ok: false, text: errorMessage(e), markers: [] }));
  }, [client, finishWait, refreshFiles, t]);

  // Ctrl/Cmd+S saves the active tab.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const d = editor.addAction({ id: 'timonel.save', label: t('editor.save'), keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS], run: () => save() });
    return () => d.dispose();
  }, [save, t]);

  const apply = async (dryRun: boolean) => {
    const path = tabsRef.current.active;
    const model = path ? modelOf(path) : null;
    if (!model) return;
    const text = model.getValue();
    setBusy(true);
    monaco.editor.setModelMarkers(model, SERVER_MARKER_OWNER, []);
    try {
      const res = await client.request('kubectl.apply', { text, dryRun });
      const markers = model.getValue() === text ? serverMarkers(text, res.failures) : [];
      monaco.editor.setModelMarkers(
        model,
        SERVER_MARKER_OWNER,
        markers.map((m) => ({ ...m, severity: monaco.MarkerSeverity.Error, source: 'kube-apiserver' })),
      );
      setOutcome({ ok: res.status === 0, text: res.output.trimEnd(), markers });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e), markers: [] });
    } finally {
      setBusy(false);
    }
  };

  const reveal = (m: ServerMarker) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealRangeInCenter(m);
    editor.setSelection(m);
    editor.focus();
  };

  const activeTab = tabs.tabs.find((x) => x.path === tabs.active);
  const shown = files.filter((f) => f.type === 'file');
  return (
    <>
      <div className="editor-toolbar">
        <h2>{t('editor.label')}</h2>
        <select aria-label={t('editor.templates')} value="" disabled={!home} onChange={(e) => newFromTemplate(e.target.value)}>
          <option value="">{t('editor.newFromTemplate')}</option>
          {TEMPLATES.map((x) => (
            <option key={x.kind} value={x.kind}>{x.kind}</option>
          ))}
        </select>
        <select aria-label={t('editor.openFile')} value="" disabled={!home} onFocus={refreshFiles} onChange={(e) => e.target.value && openFile(e.target.value)}>
          <option value="">{shown.length || !home ? t('editor.openFilePlaceholder') : t('editor.noFiles', { dir: home })}</option>
          {shown.map((f) => (
            <option key={f.path} value={f.path}>{f.name}</option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" disabled={!activeTab} onClick={save}>{t('editor.save')}</button>
        <button type="button" disabled={!activeTab || busy} onClick={() => void apply(true)}>{t('editor.dryRun')}</button>
        <button type="button" disabled={!activeTab || busy} onClick={() => void apply(false)}>{t('editor.apply')}</button>
      </div>
      <div className="editor-tabs" role="tablist" aria-label={t('editor.tabs')}>
        {tabs.tabs.map((tab) => {
          const name = baseName(tab.path);
          return (
            <span key={tab.path} className={`editor-tab${tab.path === tabs.active ? ' active' : ''}`} data-path={tab.path}>
              <button type="button" role="tab" aria-selected={tab.path === tabs.active} title={tab.path} onClick={() => setTabs((s) => openTab(s, tab.path, null))}>
                {name}
                {tab.dirty && <span className="dirty" aria-label={t('editor.unsaved')}> ●</span>}
              </button>
              <button type="button" aria-label={t('editor.close', { file: name })} onClick={() => close(tab.path)}>×</button>
            </span>
          );
        })}
      </div>
      <div className="editor-host">
        <div className="monaco-host" ref={hostRef} />
        {!activeTab && <p className="editor-empty">{t('editor.empty')}</p>}
      </div>
      <div className={`editor-result${outcome ? (outcome.ok ? ' ok' : ' error') : ''}`} role="status" aria-label={t('editor.result')}>
        {busy && <pre>{t('editor.running')}</pre>}
        {!busy && outcome && <pre>{outcome.text}</pre>}
        {!busy && outcome && outcome.markers.length > 0 && (
          <ul>
            {outcome.markers.map((m, i) => (
              <li key={i} data-line={m.startLineNumber}>
                <button type="button" onClick={() => reveal(m)}>{t('editor.line', { line: m.startLineNumber })}</button>: {m.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
