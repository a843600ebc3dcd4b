// The Events panel: the cluster's Events, newest last, with kubectl's `get events` columns
// (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; NAMESPACE first as with -A). Ages use virtual time.
// Rows come from an incremental index (event-index.ts) and the panel re-renders at most every
// REFRESH_MS of wall time, when the page is idle, only rows that changed (memoised); a long list
// renders only the rows around the viewport (painting 200 rows on each update cost more than the
// graph), and its layout is contained in its scroll box (events.css). Like a
// terminal running `kubectl get events -w`, the list follows the newest rows while it is
// scrolled to the bottom.
// Leaves out: filtering by object, event series details; at most MAX_ROWS rows.
import { memo, useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useEngine } from '../../engine';
import { useCachedT } from '../../i18n/cached-t';
import { afterNextRender } from '../../../worker/host';
import type { ClusterState, ClusterStore } from '../../state/cluster-store';
import { ageSince } from '../../lib/age';
import type { KObject } from '../../../engine';
import { VIRTUALIZE_ABOVE, rowWindow } from '../tables/table-model';
import { EventIndex, sortedRows } from './event-index';
import type { EventRow } from './event-index';
import './events.css';

const MAX_ROWS = 200;
/** Wall-time spacing of re-renders: Events are read by people, not animated. */
const REFRESH_MS = 250;
/** Longest wait for an idle moment once a refresh is due. */
const IDLE_WAIT_MS = 500;

/** The newest rows of some Events, fully sorted (the inspector's events tab). */
export function toRows(events: Iterable<KObject>): EventRow[] {
  return sortedRows(events, MAX_ROWS);
}

interface View {
  rows: EventRow[];
  now: number;
}

const second = (s: ClusterState) => (s.clock ? Math.floor(s.clock.now / 1000) : 0);

/** Rows and virtual "now" (whole seconds), refreshed at most every REFRESH_MS. */
function useEventView(store: ClusterStore, index: EventIndex): View {
  const view = useRef<View | null>(null);
  const refresh = useCallback((): boolean => {
    const s = store.getState();
    index.update(s.objects.events);
    const rows = index.last(MAX_ROWS);
    const now = second(s) * 1000;
    if (view.current && view.current.rows === rows && view.current.now === now) return false;
    view.current = { rows, now };
    return true;
  }, [store, index]);
  const subscribe = useCallback((notify: () => void) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    let idle: number | undefined;
    const run = () => {
      timer = undefined;
      idle = undefined;
      last = performance.now();
      if (refresh()) notify();
    };
    // After the spacing, the rows are rendered when the page is idle (at most IDLE_WAIT_MS
    // later): their layout then does not land in a frame that draws a burst of pods.
    const due = () => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: IDLE_WAIT_MS });
      else run();
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (timer !== undefined || (s.objects.events === prev.objects.events && second(s) === second(prev))) return;
      timer = setTimeout(due, Math.max(0, last + REFRESH_MS - performance.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [store, refresh]);
  const snapshot = useCallback((): View => {
    if (!view.current) refresh();
    return view.current as View;
  }, [refresh]);
  return useSyncExternalStore(subscribe, snapshot);
}

const Row = memo(function Row({ r, age }: { r: EventRow; age: string }) {
  return (
    <tr data-kind="Event" data-type={r.type} data-reason={r.reason} className={r.type === 'Warning' ? 'warning' : undefined}>
      <td>{r.namespace}</td><td>{age}</td><td>{r.type}</td><td>{r.reason}</td><td>{r.object}</td><td>{r.message}</td>
    </tr>
  );
});

export function EventsPanel() {
  const t = useCachedT();
  const { store } = useEngine();
  const [index] = useState(() => new EventIndex());
  const { rows, now } = useEventView(store, index);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 300, row: 20 });
  /** Follow the newest rows while the list is scrolled to its end (and at first). */
  const follow = useRef(true);
  /** Row height, measured once (rows of a windowed list have one height). */
  const rowPx = useRef<number | null>(null);
  /** Reads the geometry; only a scroll (the user's, anchoring's or ours) decides whether to follow. */
  const onScroll = (scrolled = true) => {
    const el = scrollRef.current;
    if (!el) return;
    if (rowPx.current === null) {
      const h = el.querySelector<HTMLTableRowElement>('tbody tr[data-kind]')?.offsetHeight;
      if (h) rowPx.current = h;
    }
    const row = rowPx.current ?? 20;
    if (scrolled) follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - row;
    setScroll((s) => (s.top === el.scrollTop && s.height === el.clientHeight && s.row === row ? s : { top: el.scrollTop, height: el.clientHeight, row }));
  };
  // Following the newest rows costs no layout of its own: CSS scroll anchoring keeps the end
  // sentinel in place while rows are added above it, and after the frame has painted (layout is
  // clean then, so reading it is free) a check moves to the end if anchoring did not. Setting
  // scrollTop right after React's commit forced a layout of the whole page (graph included) in
  // the busiest frames.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (!follow.current) {
      if (rowPx.current === null) onScroll(false);
      return;
    }
    let cancelled = false;
    afterNextRender(() => {
      if (cancelled || !follow.current) return;
      if (el.scrollTop + el.clientHeight < el.scrollHeight - 1) el.scrollTop = el.scrollHeight;
      if (rowPx.current === null) onScroll(false);
    });
    return () => {
      cancelled = true;
    };
  }, [rows]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(() => onScroll(false));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // While following, the window is the end of the list, known without reading the DOM.
  const top = follow.current ? Math.max(0, rows.length * scroll.row - scroll.height) : scroll.top;
  const win = rowWindow(rows.length, top, scroll.height, scroll.row);
  return (
    <section className="panel events" aria-label={t('panels.events')}>
      <h2>{t('panels.events')}</h2>
      <div className="events-scroll" ref={scrollRef} onScroll={() => onScroll()}>
        {rows.length === 0 ? (
          <p className="empty">{t('events.empty')}</p>
        ) : (
          <table aria-rowcount={rows.length + 1} data-windowed={rows.length > VIRTUALIZE_ABOVE ? '' : undefined}>
            <thead>
              <tr>
                <th>NAMESPACE</th><th>LAST SEEN</th><th>TYPE</th><th>REASON</th><th>OBJECT</th><th>MESSAGE</th>
              </tr>
            </thead>
            <tbody>
              {win.before > 0 && <tr aria-hidden="true" style={{ height: win.before }}><td colSpan={6} /></tr>}
              {rows.slice(win.start, win.end).map((r) => <Row key={r.uid} r={r} age={ageSince(r.last, now)} />)}
              {win.after > 0 && <tr aria-hidden="true" style={{ height: win.after }}><td colSpan={6} /></tr>}
            </tbody>
          </table>
        )}
        <div className="events-anchor" aria-hidden="true" />
      </div>
    </section>
  );
}
