// The live cluster graph panel: builds the model from the mirror (only when the drawn kinds
// change), lays it out with a layouter that remembers positions by uid, and lets the D3
// renderer update the SVG in place. Enter on a drawn object opens the inspector; count badges
// expand a crowded box. Leaves out: zoom and pan.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../../engine';
import { inspectorStore } from '../inspector/inspector-model';
import { buildGraphModel } from './graph-model';
import { GraphLayouter } from './graph-layout';
import { GraphRenderer } from './graph-renderer';
import { registerGraphStrings } from './strings';
import './graph.css';

registerGraphStrings();

const ALL = '';

export function GraphPanel() {
  const { t } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<GraphRenderer | null>(null);
  const [layouter] = useState(() => new GraphLayouter());
  const [width, setWidth] = useState(640);
  const [namespace, setNamespace] = useState(ALL);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const { nodes, pods, services, deployments, replicasets, replicationcontrollers, daemonsets, namespaces } = useCluster(
    useShallow((s) => ({
      nodes: s.objects.nodes, pods: s.objects.pods, services: s.objects.services, deployments: s.objects.deployments,
      replicasets: s.objects.replicasets, replicationcontrollers: s.objects.replicationcontrollers,
      daemonsets: s.objects.daemonsets, namespaces: s.objects.namespaces,
    })),
  );
  const model = useMemo(
    () => buildGraphModel(
      { nodes, pods, services, deployments, replicasets, replicationcontrollers, daemonsets, namespaces, events: new Map(), endpoints: new Map() },
      { namespace: namespace === ALL ? undefined : namespace },
    ),
    [nodes, pods, services, deployments, replicasets, replicationcontrollers, daemonsets, namespaces, namespace],
  );
  const layout = useMemo(() => layouter.layout(model, width, { expanded }), [layouter, model, width, expanded]);
  const nsNames = useMemo(() => [...namespaces.values()].map((n) => n.metadata?.name ?? '').sort(), [namespaces]);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    rendererRef.current ??= new GraphRenderer(svg, {
      open: (it) => inspectorStore.getState().open(it),
      expand: (box) => setExpanded((s) => new Set(s).add(box)),
    });
    rendererRef.current.render(model, layout, {
      unscheduled: t('graph.unscheduled'), notReady: t('graph.notReady'), restarts: t('graph.restarts'),
      ready: t('graph.ready'), expand: t('graph.expand'),
    });
  }, [model, layout, t]);

  return (
    <section className="panel graph" aria-label={t('panels.graph')}>
      <div className="panel-head">
        <h2>{t('panels.graph')}</h2>
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
        <svg ref={svgRef} className="graph-svg" role="group" aria-label={t('graph.help')} tabIndex={-1} />
      </div>
    </section>
  );
}
