// The live cluster graph panel: builds the model from the mirror (only when the drawn kinds
// change), lays it out for the panel's width and lets D3 update the SVG in place.
// Leaves out: zoom, the inspector and keyboard navigation between objects (later).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../../engine';
import { buildGraphModel } from './graph-model';
import { layoutGraph } from './graph-layout';
import { renderGraph } from './graph-renderer';

const ALL = '';

export function GraphPanel() {
  const { t } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  const [namespace, setNamespace] = useState(ALL);
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
  const layout = useMemo(() => layoutGraph(model, width), [model, width]);
  const nsNames = useMemo(() => [...namespaces.values()].map((n) => n.metadata?.name ?? '').sort(), [namespaces]);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (svgRef.current) renderGraph(svgRef.current, model, layout, { unscheduled: t('graph.unscheduled'), notReady: t('graph.notReady') });
  }, [model, layout, t]);

  return (
    <section className="panel graph" aria-label={t('panels.graph')}>
      <div className="panel-head">
        <h2>{t('panels.graph')}</h2>
        <select aria-label={t('graph.namespace')} value={namespace} onChange={(e) => setNamespace(e.target.value)}>
          <option value={ALL}>{t('graph.allNamespaces')}</option>
          {nsNames.map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </div>
      <div className="graph-scroll" ref={boxRef}>
        <svg ref={svgRef} className="graph-svg" />
      </div>
    </section>
  );
}
