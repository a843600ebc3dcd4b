// The inspector: opened by clicking an object in the graph or a row of a resource table, it
// shows the object's YAML (`kubectl get -o yaml`), `kubectl describe`, its Events and, for pods,
// `kubectl logs`: the commands run in the worker, so the text is exactly the terminal's.
// Keyboard: opening moves the focus to the dialog's heading, Esc (from anywhere but the terminal
// and the editor, which use Esc themselves) or Close closes it and gives the focus back to what
// opened it; the view tabs follow the ARIA tabs pattern (arrows, Home, End).
// Leaves out: following logs live and editing from here (the YAML editor does that).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useCluster, useEngine } from '../../engine';
import type { KObject } from '../../../engine';
import { toRows } from '../events/EventsPanel';
import { ageSince } from '../../lib/age';
import { registerToolStrings } from '../persistence/strings';
import { inKeyTrap } from '../../lib/page-keys';
import { inspectorStore, kubectlArgs, viewsFor } from './inspector-model';
import type { InspectorView } from './inspector-model';
import './tools.css';

registerToolStrings();

/** Opens the inspector on clicks on drawn graph objects (they carry data-kind/-name/-namespace). */
function useGraphClicks(): void {
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target.closest('.graph-svg [data-kind][data-name]') : null;
      if (!(target instanceof SVGElement || target instanceof HTMLElement)) return;
      const d = target.dataset;
      if (!d.kind || !d.name) return;
      inspectorStore.getState().open({ kind: d.kind, name: d.name, namespace: d.namespace ?? '', uid: d.uid });
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
}

const NO_EVENTS: ReadonlyMap<string, KObject> = new Map();

export function InspectorPanel() {
  const { t } = useTranslation();
  useGraphClicks();
  const target = useStore(inspectorStore, (s) => s.target);
  const [view, setView] = useState<InspectorView>('yaml');
  const [text, setText] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const { client } = useEngine();
  // Closed, the panel follows neither the Events nor the clock: it would re-render for every
  // batch of Events (thousands in a 1,000-pod scale-up) to draw nothing.
  const open = target !== null;
  const events = useCluster((s) => (open ? s.objects.events : NO_EVENTS));
  const second = useCluster((s) => (open && s.clock ? Math.floor(s.clock.now / 1000) : 0));

  const views = target ? viewsFor(target.kind) : [];
  const shown: InspectorView = views.includes(view) ? view : 'yaml';

  useEffect(() => {
    if (!target) return;
    const args = kubectlArgs(target, shown);
    if (!args) return;
    let live = true;
    setText(null);
    client.request('kubectl.run', { args }).then(
      (r) => live && setText(r.output),
      (e: unknown) => live && setText(String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, target, shown, tick]);

  // Focus: into the dialog when it opens (or shows another object), back to the opener on close.
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);
  const targetKey = target ? `${target.kind}/${target.namespace}/${target.name}` : '';
  useEffect(() => {
    if (!targetKey) return;
    const active = document.activeElement;
    if (active && !heading.current?.closest('.inspector')?.contains(active)) opener.current = active;
    heading.current?.focus();
  }, [targetKey]);
  useEffect(() => {
    if (open) return;
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement || back instanceof SVGElement) {
      if (back.isConnected) back.focus();
    }
  }, [open]);

  const close = useCallback(() => inspectorStore.getState().close(), []);
  useEffect(() => {
    if (!target) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !inKeyTrap(e.target)) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [target, close]);

  const tabRefs = useRef(new Map<InspectorView, HTMLButtonElement>());
  const onTabKey = (e: ReactKeyboardEvent) => {
    const i = views.indexOf(shown);
    const next = e.key === 'ArrowRight' ? views[(i + 1) % views.length]
      : e.key === 'ArrowLeft' ? views[(i - 1 + views.length) % views.length]
        : e.key === 'Home' ? views[0] : e.key === 'End' ? views[views.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    setView(next);
    tabRefs.current.get(next)?.focus();
  };

  const rows = useMemo(() => {
    if (!target) return [];
    const mine = [...events.values()].filter((e) => {
      const io = (e as { involvedObject?: { uid?: string; kind?: string; name?: string; namespace?: string } }).involvedObject;
      if (target.uid && io?.uid) return io.uid === target.uid;
      return io?.kind === target.kind && io?.name === target.name && (io?.namespace ?? '') === target.namespace;
    });
    return toRows(mine);
  }, [events, target]);

  if (!target) return null;
  const title = `${target.kind.toLowerCase()}/${target.name}`;
  return (
    <section className="panel inspector" role="dialog" aria-label={t('inspector.region')} data-kind={target.kind} data-name={target.name} data-namespace={target.namespace}>
      <div className="panel-head">
        <h2 ref={heading} tabIndex={-1}>{t('inspector.region')}: {title}{target.namespace ? ` (${target.namespace})` : ''}</h2>
        <div className="inspector-actions">
          <button type="button" onClick={() => setTick((n) => n + 1)}>{t('inspector.refresh')}</button>
          <button type="button" onClick={close}>{t('inspector.close')}</button>
        </div>
      </div>
      <div role="tablist" className="tabs" aria-label={title} onKeyDown={onTabKey}>
        {views.map((v) => (
          <button
            key={v}
            ref={(el) => {
              if (el) tabRefs.current.set(v, el);
              else tabRefs.current.delete(v);
            }}
            type="button"
            role="tab"
            id={`inspector-tab-${v}`}
            aria-controls="inspector-panel"
            aria-selected={v === shown}
            tabIndex={v === shown ? 0 : -1}
            onClick={() => setView(v)}
          >
            {t(`inspector.${v}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="inspector-panel" className="inspector-body" aria-labelledby={`inspector-tab-${shown}`} tabIndex={0}>
        {shown === 'events' ? (
          rows.length === 0 ? <p className="empty">{t('inspector.noEvents')}</p> : (
            <table className="kube-table">
              <thead><tr><th>LAST SEEN</th><th>TYPE</th><th>REASON</th><th>OBJECT</th><th>MESSAGE</th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.uid} data-kind="Event" data-reason={r.reason}><td>{ageSince(r.last, second * 1000)}</td><td>{r.type}</td><td>{r.reason}</td><td>{r.object}</td><td>{r.message}</td></tr>
                ))}
              </tbody>
            </table>
          )
        ) : (
          <pre className="kubectl-output" data-view={shown} aria-busy={text === null}>{text ?? t('inspector.loading')}</pre>
        )}
      </div>
    </section>
  );
}
