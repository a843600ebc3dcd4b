// The live cluster graph panel: builds the model from the mirror, lays it out with a layouter
// that remembers positions by uid, and lets the renderer update the SVG (and the pods' canvas
// laid over it) in place. It draws
// outside React, at most once per animation frame: a store subscription renders right when the
// frame's merged batch is applied (only when a drawn kind changed), so the newest model is what
// paints. Enter on a drawn object opens the inspector; count badges expand a crowded box.
// While the timeline replays the past (features/timeline), the panel draws the replayed mirror
// instead of the live one, says so, and carries data-replay="true" and data-time.
// Leaves out: zoom and pan.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useCluster, useEngine } from '../../engine';
import type { Mirror } from '../../state/mirror';
import { inspectorStore } from '../inspector/inspector-model';
import { buildGraphModel } from './graph-model';
import type { GraphModel } from './graph-model';
import { GraphLayouter } from './graph-layout';
import { GraphRenderer } from './graph-renderer';
import type { GraphLabels } from './graph-renderer';
import { registerGraphStrings } from './strings';
import { ReplayBanner } from '../timeline/ReplayBanner';
import { usePresenter } from '../presenter/presenter-store';
import './graph.css';

registerGraphStrings();

const ALL = '';
/** How much presenter view enlarges the graph (boxes, names, pods): readable from the back of a room. */
export const PRESENTER_GRAPH_ZOOM = 1.4;

/** The mirror's resources the graph draws (Events are not drawn). */
const DRAWN = ['nodes', 'pods', 'services', 'deployments', 'replicasets', 'replicationcontrollers', 'daemonsets', 'namespaces'] as const;
const NONE = new Map();

const drawnChanged = (a: Mirror, b: Mirror) => DRAWN.some((r) => a[r] !== b[r]);

interface ViewOptions {
  namespace: string;
  width: number;
  expanded: ReadonlySet<string>;
  labels: GraphLabels;
}

/** Milliseconds of one draw, by stage (for the browser benchmark). */
type GraphTiming = (t: { start: number; model: number; layout: number; render: number; pods: number }) => void;

/** Model → layout → SVG, remembering what it drew from so unchanged inputs cost nothing. */
class GraphView {
  private readonly layouter = new GraphLayouter();
  private model: GraphModel | undefined;
  private from: { objects: Mirror; namespace: string } | undefined;
  private drawn: { model: GraphModel; opts: ViewOptions } | undefined;

  constructor(private readonly renderer: GraphRenderer) {}

  destroy(): void {
    this.renderer.destroy();
  }

  setZoom(zoom: number): void {
    this.renderer.setZoom(zoom);
  }

  draw(objects: Mirror, opts: ViewOptions, inFrame: boolean): void {
    // The browser benchmark's probe of where a frame's time goes (absent outside it).
    const timing = (globalThis as { __timonelGraphTiming?: GraphTiming }).__timonelGraphTiming;
    const t0 = timing ? performance.now() : 0;
    const from = this.from;
    if (!this.model || !from || from.namespace !== opts.namespace || drawnChanged(from.objects, objects)) {
      this.model = buildGraphModel(
        { ...objects, events: NONE },
        {
          namespace: opts.namespace === ALL ? undefined : opts.namespace,
          // The previous model, when it was built for the same namespace (work follows the change).
          prev: from && from.namespace === opts.namespace ? this.model : undefined,
        },
      );
      this.from = { objects, namespace: opts.namespace };
    }
    const d = this.drawn;
    if (d && d.model === this.model && d.opts.width === opts.width && d.opts.expanded === opts.expanded && d.opts.labels === opts.labels) return;
    const t1 = timing ? performance.now() : 0;
    const layout = this.layouter.layout(this.model, opts.width, { expanded: opts.expanded });
    const t2 = timing ? performance.now() : 0;
    this.renderer.render(this.model, layout, opts.labels, { inFrame });
    this.drawn = { model: this.model, opts };
    if (timing) timing({ start: t0, model: t1 - t0, layout: t2 - t1, render: performance.now() - t2, pods: this.model.pods.size });
  }
}

export function GraphPanel() {
  const { t } = useTranslation();
  const { store, frame, timeline } = useEngine();
  const replayTime = useStore(timeline.store, (s) => (s.replay ? Math.floor(s.replay.time) : null));
  const svgRef = useRef<SVGSVGElement>(null);
  const podsRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<GraphView | null>(null);
  const [width, setWidth] = useState(640);
  const zoom = usePresenter() ? PRESENTER_GRAPH_ZOOM : 1;
  const [namespace, setNamespace] = useState(ALL);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const namespaces = useCluster((s) => s.objects.namespaces);
  const nsNames = useMemo(() => [...namespaces.values()].map((n) => n.metadata?.name ?? '').sort(), [namespaces]);
  const labels = useMemo<GraphLabels>(() => ({
    unscheduled: t('graph.unscheduled'), notReady: t('graph.notReady'), restarts: t('graph.restarts'),
    ready: t('graph.ready'), expand: t('graph.expand'),
  }), [t]);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Draw now for new options, then on every store update that changes a drawn kind (those
  // arrive merged, once per animation frame).
  // The renderer (and its canvas animation loop) lives as long as the panel.
  useEffect(() => () => {
    viewRef.current?.destroy();
    viewRef.current = null;
  }, []);

  useEffect(() => {
    const svg = svgRef.current;
    const pods = podsRef.current;
    if (!svg || !pods) return;
    viewRef.current ??= new GraphView(new GraphRenderer(svg, pods, {
      open: (it) => inspectorStore.getState().open(it),
      expand: (box) => setExpanded((s) => new Set(s).add(box)),
    }));
    const view = viewRef.current;
    view.setZoom(zoom);
    // The layout fills the panel's width at the stage's zoom.
    const opts: ViewOptions = { namespace, width: Math.max(240, Math.floor(width / zoom)), expanded, labels };
    view.draw(timeline.mirror ?? store.getState().objects, opts, false);
    const offLive = store.subscribe((s, prev) => {
      if (timeline.mirror === null && drawnChanged(s.objects, prev.objects)) view.draw(s.objects, opts, frame.inFrame);
    });
    // Replay: the timeline's mirror (or back to the live one when it ends).
    const offReplay = timeline.store.subscribe((s, prev) => {
      const m = s.replay?.cursor.mirror;
      if (m !== prev.replay?.cursor.mirror) view.draw(m ?? store.getState().objects, opts, false);
    });
    return () => {
      offLive();
      offReplay();
    };
  }, [store, frame, timeline, namespace, width, expanded, labels, zoom]);

  return (
    <section className={replayTime === null ? 'panel graph' : 'panel graph replaying'} aria-label={t('panels.graph')} data-replay={replayTime === null ? 'false' : 'true'} data-time={replayTime ?? undefined}>
      <div className="panel-head">
        <h2>{t('panels.graph')}</h2>
        {replayTime !== null && <ReplayBanner time={replayTime} />}
        <div className="graph-controls">
          {expanded.size > 0 && (
            <button type="button" onClick={() => setExpanded(new Set())}>{t('graph.collapse')}</button>
          )}
          <select aria-label={t('graph.namespace')} value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            <option value={ALL}>{t('graph.allNamespaces')}</option>
            {nsNames.map((n) => (
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="graph-scroll" ref={boxRef}>
        <div className="graph-stage" style={zoom === 1 ? undefined : { zoom }} data-zoom={zoom}>
          <svg ref={svgRef} className="graph-svg" role="group" aria-label={t('graph.help')} tabIndex={-1} />
          <div ref={podsRef} className="graph-pods" aria-hidden="true" />
        </div>
      </div>
    </section>
  );
}
