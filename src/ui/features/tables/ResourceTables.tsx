// Resource tables for Pods, Deployments, ReplicaSets, Services, Nodes and Events, what
// `minikube dashboard` lists: the server's Table output (the columns `kubectl get -A` prints),
// fetched again when the mirrored objects of that kind change (at most once per second) and only
// while the panel is on screen; long tables render only the rows around the viewport (geometry
// read on scroll and resize only, never after a refresh; each row's label is translated once per
// name and language, cached-t.ts).
// A row opens the inspector (click or Enter). Leaves out: sorting, filtering and paging.
import { useEffect, useRef, useState } from 'react';
import type { Table } from '../../../engine';
import { useEngine } from '../../engine';
import { registerToolStrings } from '../persistence/strings';
import { useCachedT } from '../../i18n/cached-t';
import { inspectorStore } from '../inspector/inspector-model';
import { TABLE_ACCEPT, TABLE_KINDS, rowWindow, tableView } from './table-model';
import type { TableView } from './table-model';
import '../inspector/tools.css';

registerToolStrings();

const REFRESH_MS = 1000;
const DEFAULT_ROW_PX = 20;

export function ResourceTables() {
  const t = useCachedT();
  const { client, store } = useEngine();
  const [index, setIndex] = useState(0);
  const kind = TABLE_KINDS[index];
  const [view, setView] = useState<TableView | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400, row: DEFAULT_ROW_PX });

  // Refetch when this kind's objects change, at most once per REFRESH_MS, only while visible.
  useEffect(() => {
    let live = true;
    let visible = true;
    let dirty = true;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchTable = () => {
      timer = undefined;
      if (!live || !visible || !dirty) return;
      dirty = false;
      last = performance.now();
      client.request('api', { method: 'GET', path: kind.path, headers: { accept: TABLE_ACCEPT } }).then(
        (res) => {
          if (live && res.status === 200) setView(tableView(res.body as Table, kind.namespaced));
        },
        () => {},
      );
    };
    const schedule = () => {
      if (timer !== undefined || !visible || !dirty) return;
      timer = setTimeout(fetchTable, Math.max(0, last + REFRESH_MS - performance.now()));
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.objects[kind.resource] === prev.objects[kind.resource]) return;
      dirty = true;
      schedule();
    });
    const el = sectionRef.current;
    const io = el && typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
        visible = entries.some((e) => e.isIntersecting);
        schedule();
      })
      : undefined;
    if (el) io?.observe(el);
    schedule();
    return () => {
      live = false;
      unsubscribe();
      io?.disconnect();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [client, store, kind]);

  // Geometry is read on scroll and resize, and the row height once: reading it after every
  // refresh forced a layout of the whole page (graph included) once a second.
  const rowPx = useRef<number | null>(null);
  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    if (rowPx.current === null) {
      const first = el.querySelector<HTMLTableRowElement>('tbody tr[data-kind]');
      if (first?.offsetHeight) rowPx.current = first.offsetHeight;
    }
    const next = { top: el.scrollTop, height: el.clientHeight, row: rowPx.current ?? DEFAULT_ROW_PX };
    setScroll((s) => (s.top === next.top && s.height === next.height && s.row === next.row ? s : next));
  };
  const hasRows = Boolean(view && view.rows.length > 0);
  useEffect(() => {
    if (hasRows && rowPx.current === null) onScroll();
  }, [hasRows]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => onScroll());
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const win = view ? rowWindow(view.rows.length, scroll.top, scroll.height, scroll.row) : undefined;
  const columns = view?.columns.length ?? 1;

  return (
    <section className="panel tables" aria-label={t('tables.region')} ref={sectionRef}>
      <div className="panel-head">
        <h2>{t('tables.region')}</h2>
      </div>
      <div role="tablist" className="tabs" aria-label={t('tables.kinds')}>
        {TABLE_KINDS.map((k, i) => (
          <button key={k.resource} type="button" role="tab" aria-selected={i === index} onClick={() => { setView(null); setIndex(i); }}>{k.label}</button>
        ))}
      </div>
      <div className="tables-scroll" role="tabpanel" aria-label={kind.label} ref={scrollRef} onScroll={onScroll}>
        {view && view.rows.length === 0 && <p className="empty">{t('tables.empty')}</p>}
        {view && win && view.rows.length > 0 && (
          <table className="kube-table" data-kind={kind.kind} aria-rowcount={view.rows.length + 1}>
            <thead><tr>{view.columns.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
            <tbody>
              {win.before > 0 && <tr aria-hidden="true" style={{ height: win.before }}><td colSpan={columns} /></tr>}
              {view.rows.slice(win.start, win.end).map((r, i) => {
                const open = () => inspectorStore.getState().open({ kind: kind.kind, name: r.name, namespace: r.namespace, uid: r.key });
                return (
                  <tr
                    key={r.key}
                    tabIndex={0}
                    aria-rowindex={win.start + i + 2}
                    aria-label={t('tables.open', { name: r.name })}
                    data-kind={kind.kind}
                    data-name={r.name}
                    data-namespace={r.namespace}
                    onClick={open}
                    onKeyDown={(e) => { if (e.key === 'Enter') open(); }}
                  >
                    {r.cells.map((c, j) => <td key={j}>{c}</td>)}
                  </tr>
                );
              })}
              {win.after > 0 && <tr aria-hidden="true" style={{ height: win.after }}><td colSpan={columns} /></tr>}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
