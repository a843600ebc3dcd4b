// Draws the graph model into an SVG with D3 data joins keyed by uid: Node boxes with their
// pods (coloured by phase, restarts shown), controllers and Services as chips, ownership and
// selector links. All text goes through .text(); nothing is ever parsed as HTML.
// Every drawn object carries data-kind, data-name, data-namespace (pods: data-phase, data-node).
// Leaves out: zoom/pan, inspector on click, aggregation beyond hundreds of pods (later).
import { select, transition } from 'd3';
import type { Selection } from 'd3';
import type { GraphItem, GraphModel, PodItem } from './graph-model';
import type { GraphLayout, Rect } from './graph-layout';

export interface GraphLabels {
  unscheduled: string;
  notReady: string;
}

const DURATION = 300;

export function podColor(p: PodItem): string {
  if (p.status === 'Terminating') return 'var(--pod-terminating)';
  if (/BackOff|Err|Error|OOMKilled|ExitCode|Signal|Invalid/.test(p.status)) return 'var(--pod-failed)';
  switch (p.phase) {
    case 'Running':
      return p.ready === p.containers ? 'var(--pod-running)' : 'var(--pod-notready)';
    case 'Pending':
      return 'var(--pod-pending)';
    case 'Succeeded':
      return 'var(--pod-succeeded)';
    case 'Failed':
      return 'var(--pod-failed)';
    default:
      return 'var(--pod-unknown)';
  }
}

const center = (r: Rect | undefined) => (r ? { x: r.x + r.w / 2, y: r.y + r.h / 2 } : { x: 0, y: 0 });

function layer(svg: Selection<SVGSVGElement, unknown, null, undefined>, cls: string): Selection<SVGGElement, unknown, null, undefined> {
  let g = svg.select<SVGGElement>(`g.${cls}`);
  if (g.empty()) g = svg.append('g').attr('class', cls);
  return g;
}

function tagged<T extends GraphItem, P extends Element | null, PD>(g: Selection<SVGGElement, T, P, PD>): void {
  g.attr('data-kind', (d) => d.kind)
    .attr('data-name', (d) => d.name)
    .attr('data-namespace', (d) => d.namespace)
    .attr('data-uid', (d) => d.uid);
}

export function renderGraph(el: SVGSVGElement, model: GraphModel, layout: GraphLayout, labels: GraphLabels): void {
  // Explicit transitions (not selection.transition()): importing `transition` keeps d3-transition
  // in the bundle, whose prototype patch tree-shaking would otherwise drop.
  const fade = transition('fade').duration(DURATION);
  const move = transition('move').duration(DURATION);
  const svg = select(el);
  svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('width', layout.width).attr('height', layout.height);
  const rect = (uid: string) => layout.rects.get(uid) ?? { x: 0, y: 0, w: 0, h: 0 };

  // Layers in paint order.
  const edgeLayer = layer(svg, 'edges');
  const boxLayer = layer(svg, 'boxes');
  const chipLayer = layer(svg, 'chips');
  const podLayer = layer(svg, 'pods');

  edgeLayer
    .selectAll<SVGLineElement, GraphModel['edges'][number]>('line')
    .data(model.edges.filter((e) => layout.rects.has(e.source) && layout.rects.has(e.target)), (d) => d.id)
    .join('line')
    .attr('class', (d) => `edge edge-${d.type}`)
    .attr('data-type', (d) => d.type)
    .attr('x1', (d) => center(rect(d.source)).x)
    .attr('y1', (d) => center(rect(d.source)).y)
    .attr('x2', (d) => center(rect(d.target)).x)
    .attr('y2', (d) => center(rect(d.target)).y);

  const boxData: GraphItem[] = [...model.nodes];
  if (model.unscheduled.length) boxData.push({ uid: 'unscheduled', kind: 'Node', name: '', namespace: '' });
  const boxes = boxLayer
    .selectAll<SVGGElement, GraphItem>('g.box')
    .data(boxData, (d) => d.uid)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'box');
      g.append('rect').attr('rx', 6);
      g.append('text').attr('class', 'box-title').attr('x', 8).attr('y', 17);
      return g;
    });
  boxes.each(function (d) {
    const g = select<SVGGElement, GraphItem>(this);
    if (d.uid === 'unscheduled') g.attr('data-kind', null).attr('data-name', null).attr('data-namespace', null).classed('unscheduled', true);
    else tagged(g);
  });
  boxes.attr('transform', (d) => `translate(${rect(d.uid).x},${rect(d.uid).y})`);
  boxes.select('rect').attr('width', (d) => rect(d.uid).w).attr('height', (d) => rect(d.uid).h);
  boxes.classed('not-ready', (d) => d.kind === 'Node' && d.uid !== 'unscheduled' && !(d as GraphModel['nodes'][number]).ready);
  boxes.select('text').text((d) => {
    if (d.uid === 'unscheduled') return labels.unscheduled;
    const n = d as GraphModel['nodes'][number];
    return n.ready ? n.name : `${n.name} (${labels.notReady})`;
  });

  const chipData: GraphItem[] = [...model.controllers, ...model.services];
  const chips = chipLayer
    .selectAll<SVGGElement, GraphItem>('g.chip')
    .data(chipData, (d) => d.uid)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'chip');
      g.append('rect').attr('rx', 4);
      g.append('text').attr('x', 6).attr('y', 16);
      g.append('title');
      return g;
    });
  tagged(chips);
  chips.attr('class', (d) => `chip chip-${d.kind.toLowerCase()}`);
  chips.attr('transform', (d) => `translate(${rect(d.uid).x},${rect(d.uid).y})`);
  chips.select('rect').attr('width', (d) => rect(d.uid).w).attr('height', (d) => rect(d.uid).h);
  chips.select('text').text((d) => `${abbrev(d.kind)} ${truncate(d.name, 22)}`);
  chips.select('title').text((d) => `${d.kind} ${d.namespace}/${d.name}`);

  const podData = [...model.pods.values()].filter((p) => layout.rects.has(p.uid));
  podLayer
    .selectAll<SVGGElement, PodItem>('g.pod')
    .data(podData, (d) => d.uid)
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'pod');
        g.attr('transform', (d) => `translate(${rect(d.uid).x},${rect(d.uid).y})`).style('opacity', 0);
        g.append('circle').attr('cx', 12).attr('cy', 12).attr('r', 9);
        g.append('text').attr('class', 'restarts').attr('x', 12).attr('y', 16).attr('text-anchor', 'middle');
        g.append('title');
        g.transition(fade).style('opacity', 1);
        return g;
      },
      (update) => update,
      (exit) => exit.attr('data-leaving', 'true').transition(fade).style('opacity', 0).remove(),
    )
    .call(tagged)
    .attr('data-phase', (d) => d.phase)
    .attr('data-status', (d) => d.status)
    .attr('data-node', (d) => d.node)
    .call((g) =>
      g.filter(function () {
        return this.getAttribute('data-leaving') !== 'true';
      })
        .transition(move)
        .attr('transform', (d) => `translate(${rect(d.uid).x},${rect(d.uid).y})`),
    )
    .each(function (d) {
      const g = select(this);
      g.select('circle').attr('fill', podColor(d)).classed('terminating', d.status === 'Terminating');
      g.select('text.restarts').text(d.restarts > 0 ? String(d.restarts) : '');
      g.select('title').text(`${d.namespace}/${d.name}\n${d.status} ${d.ready}/${d.containers}${d.restarts ? ` (${d.restarts})` : ''}`);
    });
}

function abbrev(kind: string): string {
  switch (kind) {
    case 'Deployment': return 'deploy';
    case 'ReplicaSet': return 'rs';
    case 'ReplicationController': return 'rc';
    case 'DaemonSet': return 'ds';
    case 'Service': return 'svc';
    default: return kind.toLowerCase();
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
