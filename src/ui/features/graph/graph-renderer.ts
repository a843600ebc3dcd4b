// Draws the graph: Node boxes, count badges for boxes with many pods, controller and Service
// chips and links into an SVG with D3 data joins keyed by uid; pods (coloured by state,
// readiness and restarts shown, crash loops pulsing) on a canvas laid over it (graph-canvas.ts),
// each with an invisible SVG proxy that carries its attributes, label and focus. Pods fly in
// from their owner, fade out when deleted and glide when they change slot or box; only pods
// whose item (by identity) or slot changed are touched. Boxes and chips glide with the Web
// Animations API. Text only via .text()/textContent.
// Every drawn object carries data-kind, data-name, data-namespace (pods: data-phase, data-node)
// and is reachable with the keyboard (roving tabindex; arrows, Home/End, Enter).
// Leaves out: zoom/pan, edge routing around boxes.
import { select } from 'd3';
import type { Selection } from 'd3';
import type { GraphEdge, GraphItem, GraphModel, NodeItem, PodItem } from './graph-model';
import { UNSCHEDULED, podCategory } from './graph-layout';
import type { GraphLayout, PodCategory, PodGroup, Rect } from './graph-layout';
import { diffGraph } from './graph-diff';
import { MOVE_MS, PodCanvas } from './graph-canvas';
import { FrameBudgetQueue, nextAnimationFrame } from './frame-budget-queue';
import type { Motion, PodLook } from './graph-canvas';

export interface GraphLabels {
  unscheduled: string;
  notReady: string;
  restarts: string;
  ready: string;
  /** "Show all pods" on a count badge. */
  expand: string;
}

export interface GraphHandlers {
  /** Enter (or Space) on a drawn Kubernetes object. */
  open(item: { kind: string; name: string; namespace: string; uid: string }): void;
  /** Click/Enter on a count badge: show that box pod by pod. */
  expand(boxUid: string): void;
}

/**
 * Set by the browser benchmark: called after each render with `uid|phase` of the pods it drew
 * anew, and whether the render ran inside an animation frame callback (so this frame paints it).
 */
export type GraphProbe = (shown: string[], inFrame: boolean) => void;

export interface RenderContext {
  /** The render runs in a requestAnimationFrame callback (told to the benchmark probe). */
  inFrame?: boolean;
}

/** Above this many entering pods in one update they fade in where they land (4×: appear). */
const ANIMATE_MAX = 120;
/**
 * Most pod animations (composited ghost canvases) one render starts: each costs a canvas, its
 * upload at the frame's commit (~1 ms each in a trace under load) and a Web Animation, so a burst
 * would otherwise spend tens of ms on them in one frame. The pods beyond it appear (or move) at once.
 */
const GHOSTS_PER_RENDER = 8;
/**
 * Most pod proxies (invisible SVG elements) one frame creates or rewrites. A burst (the scheduler
 * binding 500 pods) is painted on the canvas at once; its proxies follow over the next frames
 * (1,000 pods: about half a second), so no frame spends hundreds of ms on DOM, style and layout.
 */
export const PROXIES_PER_FRAME = 40;
/**
 * After a bulk update (over ANIMATE_MAX pods added or changed), proxy writes wait until no bulk
 * update came for this long: a 0 → 1,000 scale-up is two 500-pod bursts ~170 ms apart and their
 * bindings, and the proxies of the first burst, written 40 a frame, landed in the frames that drew
 * the second (B3 passed 8 of 16 interleaved runs with the wait, 5 of 16 without; p99 medians 30.5
 * and 34.4 ms against 35.5 and 43.6). The pods are on the canvas at once; focus, pointer and data
 * attributes follow about a second later.
 */
export const PROXY_QUIET_MS = 600;
/** Above this many links, pod links are bundled per Node box. */
const EDGE_MAX = 150;

export function categoryColor(c: PodCategory): string {
  switch (c) {
    case 'Running': return 'var(--pod-running)';
    case 'NotReady': return 'var(--pod-notready)';
    case 'Pending': return 'var(--pod-pending)';
    case 'Succeeded': return 'var(--pod-succeeded)';
    case 'Failed': return 'var(--pod-failed)';
    case 'Terminating': return 'var(--pod-terminating)';
    default: return 'var(--pod-unknown)';
  }
}

export function podColor(p: PodItem): string {
  return categoryColor(podCategory(p));
}

type Cached = Element & { __pos?: string; __sig?: string };
type G = Selection<SVGGElement, unknown, null, undefined>;

const center = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

function layer(svg: Selection<SVGSVGElement, unknown, null, undefined>, cls: string): G {
  let g = svg.select<SVGGElement>(`g.${cls}`);
  if (g.empty()) g = svg.append('g').attr('class', cls);
  return g;
}

function setOnce(el: Cached, key: '__pos' | '__sig', value: string): boolean {
  if (el[key] === value) return false;
  el[key] = value;
  return true;
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

interface PodProxy {
  uid: string;
  /** Created lazily: at most PROXIES_PER_FRAME proxies are created or rewritten per frame. */
  el: SVGGElement | undefined;
  item: PodItem;
  x: number;
  y: number;
  /** The drawn state last written to the element's attributes. */
  sig: string;
  /** The hit circle's centre last written to the element. */
  pos: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Sets an attribute only when its value changes (each set is a mutation and a style invalidation). */
function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setClass(el: Element, cls: string, on: boolean): void {
  if (el.classList.contains(cls) !== on) el.classList.toggle(cls, on);
}

/** Writes a pod's data attributes and label on its proxy when they changed. */
function drawProxy(px: PodProxy, d: PodItem, labels: GraphLabels, force = false): void {
  const el = px.el;
  if (!el) return;
  const sig = `${d.name}|${d.namespace}|${d.phase}|${d.status}|${d.node}|${d.ready}/${d.containers}|${d.restarts}`;
  if (!force && sig === px.sig) return;
  if (px.sig === '') {
    el.setAttribute('data-name', d.name);
    el.setAttribute('data-namespace', d.namespace);
  }
  px.sig = sig;
  const cat = podCategory(d);
  setAttr(el, 'data-phase', d.phase);
  setAttr(el, 'data-status', d.status);
  setAttr(el, 'data-node', d.node);
  setAttr(el, 'data-ready', `${d.ready}/${d.containers}`);
  setAttr(el, 'data-restarts', String(d.restarts));
  setAttr(el, 'aria-label', `Pod ${d.namespace}/${d.name}: ${podSummary(d, labels)}`);
  setClass(el, 'crashloop', d.status === 'CrashLoopBackOff');
  setClass(el, 'terminating', cat === 'Terminating');
  setClass(el, 'not-ready', d.ready < d.containers);
}

function podSummary(d: PodItem, labels: GraphLabels): string {
  const restarts = d.restarts ? `, ${labels.restarts}: ${d.restarts}` : '';
  return `${d.status}, ${d.ready}/${d.containers} ${labels.ready}${restarts}`;
}

const CATEGORY_KEY: Record<PodCategory, string> = {
  Running: 'running', NotReady: 'notready', Pending: 'pending', Succeeded: 'succeeded', Failed: 'failed', Terminating: 'terminating', Unknown: 'unknown',
};

/** How the canvas paints a pod. */
export function podLook(d: PodItem): PodLook {
  const cat = podCategory(d);
  return {
    color: CATEGORY_KEY[cat],
    ringOn: d.ready === d.containers && d.containers > 0,
    notReady: d.ready < d.containers,
    terminating: cat === 'Terminating',
    crashloop: d.status === 'CrashLoopBackOff',
    restarts: d.restarts > 0 ? (d.restarts > 99 ? '99+' : String(d.restarts)) : '',
  };
}

/** A pod flies in from its owner's chip: the chip centre. */
const flyFrom = (r: Rect) => ({ fromX: r.x + r.w / 2, fromY: r.y + r.h / 2 });

const translatePx = (x: number, y: number) => `translate(${x}px, ${y}px)`;

/** Positions with a CSS transform; when asked, glides from the old place (Web Animations API). */
function place(el: SVGGElement, x: number, y: number, animate: boolean): void {
  const t = translatePx(x, y);
  const old = el.style.transform;
  if (old === t) return;
  el.style.transform = t;
  const glide = el as SVGGElement & { __glide?: Animation };
  // Without a glide, one still running would show the old path until it ends.
  glide.__glide?.cancel();
  glide.__glide = animate && old ? el.animate([{ transform: old }, { transform: t }], { duration: MOVE_MS, easing: 'ease-out' }) : undefined;
}

/** The line drawn for a model edge (to its pod, badge or Node box), by the model edge. */
const drawnEdge = new WeakMap<GraphEdge, GraphEdge>();

export class GraphRenderer {
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** The SVG's layers, found once (each lookup is a selector query; proxies are added one by one). */
  private readonly layers: Record<'edges' | 'boxes' | 'chips' | 'groups' | 'pods', G>;
  private prev: GraphModel | undefined;
  private layout: GraphLayout | undefined;
  private current: string | undefined;
  private readonly pods: PodCanvas;
  private readonly proxies = new Map<string, PodProxy>();
  /** Creates and rewrites pods' proxies, PROXIES_PER_FRAME a frame (by uid, the latest state). */
  private readonly proxyWrites = new FrameBudgetQueue<string>(PROXIES_PER_FRAME, (uid) => {
    const px = this.proxies.get(uid);
    if (px) this.writeProxy(px);
  }, nextAnimationFrame, () => performance.now() < this.bulkUntil);
  /** Proxy writes wait until then (PROXY_QUIET_MS after the last bulk update). */
  private bulkUntil = -Infinity;
  private labels: GraphLabels | undefined;
  /** The labels the proxies' aria-labels were written with. */
  private drawnLabels: GraphLabels | undefined;
  private readonly listeners: [string, (e: Event) => void][] = [
    ['keydown', (e) => this.onKey(e as KeyboardEvent)],
    ['focusin', (e) => {
      const t = e.target instanceof Element ? e.target.closest('[data-focus-id]') : null;
      if (t) this.setCurrent(t.getAttribute('data-focus-id') ?? undefined);
      this.pods.focus(t?.classList.contains('pod') && t.matches(':focus-visible') ? t.getAttribute('data-uid') ?? undefined : undefined);
    }],
    ['focusout', () => this.pods.focus(undefined)],
    // Pod tooltips are written when the pointer reaches the pod, not on every update.
    ['pointerover', (e) => {
      const t = e.target instanceof Element ? e.target.closest('g.pod') : null;
      const px = t ? this.proxies.get(t.getAttribute('data-uid') ?? '') : undefined;
      const el = px?.el;
      if (!px || !el || !this.labels) return;
      let title: Element | null = el.querySelector('title');
      if (!title) title = el.appendChild(document.createElementNS(SVG_NS, 'title'));
      const d = px.item;
      title.textContent = `${d.namespace}/${d.name}\n${podSummary(d, this.labels).replace(', ', ' ')}`;
    }],
  ];

  /** `podLayer` is laid over the SVG (pointer-events: none); pods are painted there. */
  constructor(private readonly el: SVGSVGElement, podLayer: HTMLElement, private readonly handlers: GraphHandlers) {
    this.svg = select(el);
    this.pods = new PodCanvas(podLayer);
    this.layers = {
      edges: layer(this.svg, 'edges'), boxes: layer(this.svg, 'boxes'), chips: layer(this.svg, 'chips'),
      groups: layer(this.svg, 'groups'), pods: layer(this.svg, 'pods'),
    };
    for (const [type, fn] of this.listeners) el.addEventListener(type, fn);
  }

  /** The stage's CSS zoom (presenter view enlarges the graph); the pod canvases follow it. */
  setZoom(zoom: number): void {
    this.pods.setZoom(zoom);
  }

  /** Stops the animation loop and the theme observer, and lets go of the SVG's events. */
  destroy(): void {
    this.pods.destroy();
    for (const px of this.proxies.values()) px.el?.remove();
    this.proxies.clear();
    this.proxyWrites.clear();
    for (const [type, fn] of this.listeners) this.el.removeEventListener(type, fn);
  }

  render(model: GraphModel, layout: GraphLayout, labels: GraphLabels, ctx: RenderContext = {}): void {
    const svg = this.svg;
    const diff = diffGraph(this.prev, model);
    const changed = new Set([...diff.added, ...diff.changed]);
    // A bulk update (a scale-up or a burst of bindings) appears at once: a few animated pods out
    // of hundreds tell nothing, and each new ghost costs a canvas context and an animation in
    // the busiest frames. Boxes and chips jump to their new places too.
    const bulk = diff.added.length + diff.changed.length > ANIMATE_MAX;
    const rect = (uid: string): Rect => layout.rects.get(uid) ?? { x: 0, y: 0, w: 0, h: 0 };
    const size = `${layout.width}x${layout.height}`;
    if (setOnce(this.el as Cached, '__sig', size)) {
      svg.attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('width', layout.width).attr('height', layout.height);
    }

    // ---- edges (a pod inside a badge is represented by the badge; with many pods, one edge
    // per owner or Service and Node box: hundreds of long lines cost more paint than they tell)
    const edges = new Map<string, GraphEdge>();
    const bundle = model.edges.length > EDGE_MAX;
    const boxOf = (uid: string) => {
      const p = model.pods.get(uid);
      return p ? (p.nodeUid ?? UNSCHEDULED) : uid;
    };
    for (const e of model.edges) {
      const target = layout.grouped.get(e.target) ?? (bundle ? boxOf(e.target) : e.target);
      if (!layout.rects.has(e.source) || !layout.rects.has(target)) continue;
      // The drawn edge of a model edge is kept while its target is (no new id string per frame).
      let drawn = drawnEdge.get(e);
      if (drawn?.target !== target) drawnEdge.set(e, (drawn = { id: `${e.type}:${e.source}:${target}`, type: e.type, source: e.source, target }));
      if (!edges.has(drawn.id)) edges.set(drawn.id, drawn);
    }
    this.layers.edges
      .selectAll<SVGLineElement, GraphEdge>('line')
      .data([...edges.values()], (d) => d.id)
      .join((enter) => enter.append('line').attr('class', (d) => `edge edge-${d.type}`).attr('data-type', (d) => d.type)
        .attr('data-source', (d) => d.source).attr('data-target', (d) => d.target))
      .each(function (d) {
        const a = center(rect(d.source));
        const b = center(rect(d.target));
        if (!setOnce(this, '__pos', `${a.x},${a.y},${b.x},${b.y}`)) return;
        this.setAttribute('x1', String(a.x));
        this.setAttribute('y1', String(a.y));
        this.setAttribute('x2', String(b.x));
        this.setAttribute('y2', String(b.y));
      });

    // ---- node boxes
    const boxData: GraphItem[] = [...model.nodes];
    if (model.unscheduled.length) boxData.push({ uid: UNSCHEDULED, kind: 'Node', name: '', namespace: '' });
    this.layers.boxes
      .selectAll<SVGGElement, GraphItem>('g.box')
      .data(boxData, (d) => d.uid)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'box');
        g.append('rect').attr('rx', 6);
        g.append('text').attr('class', 'box-title').attr('x', 8).attr('y', 17);
        g.filter((d) => d.uid === UNSCHEDULED).classed('unscheduled', true).attr('data-focus-id', UNSCHEDULED).attr('tabindex', -1);
        g.filter((d) => d.uid !== UNSCHEDULED).call((s) => this.focusable(s, (d) => `Node ${d.name}`));
        return g;
      })
      .each(function (d) {
        const r = rect(d.uid);
        const g = select(this);
        if (setOnce(this, '__pos', `${r.x},${r.y},${r.w},${r.h}`)) {
          place(this, r.x, r.y, !bulk);
          g.select('rect').attr('width', r.w).attr('height', r.h);
        }
        const n = d as NodeItem;
        const title = d.uid === UNSCHEDULED ? labels.unscheduled : n.ready ? n.name : `${n.name} (${labels.notReady})`;
        if (!setOnce(this, '__sig', `${title}|${n.unschedulable}`)) return;
        g.classed('not-ready', d.uid !== UNSCHEDULED && !n.ready).classed('cordoned', Boolean(n.unschedulable));
        g.select('text').text(title);
        if (d.uid !== UNSCHEDULED) g.attr('aria-label', title);
      });

    // ---- chips (controllers, Services)
    this.layers.chips
      .selectAll<SVGGElement, GraphItem>('g.chip')
      .data([...model.controllers, ...model.services], (d) => d.uid)
      .join((enter) => {
        const g = enter.append('g').attr('class', (d) => `chip chip-${d.kind.toLowerCase()}`);
        g.append('rect').attr('rx', 4);
        g.append('text').attr('x', 6).attr('y', 16).text((d) => `${abbrev(d.kind)} ${truncate(d.name, 19)}`);
        g.append('title').text((d) => `${d.kind} ${d.namespace}/${d.name}`);
        this.focusable(g, (d) => `${d.kind} ${d.namespace}/${d.name}`);
        return g;
      })
      .each(function (d) {
        const r = rect(d.uid);
        if (!setOnce(this, '__pos', `${r.x},${r.y},${r.w},${r.h}`)) return;
        const g = select(this);
        g.select('rect').attr('width', r.w).attr('height', r.h);
        place(this, r.x, r.y, !bulk);
      });

    // ---- count badges
    this.layers.groups
      .selectAll<SVGGElement, PodGroup>('g.pod-group')
      .data(layout.groups, (d) => d.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'pod-group')
          .attr('data-kind', 'PodGroup').attr('data-focus-id', (d) => d.id).attr('tabindex', -1).attr('role', 'button');
        g.append('rect').attr('rx', 10);
        g.append('circle').attr('cx', 11).attr('cy', 10).attr('r', 6);
        g.append('text').attr('x', 24).attr('y', 14);
        g.on('click', (e: MouseEvent, d) => {
          e.stopPropagation();
          this.handlers.expand(d.box);
        });
        return g;
      })
      .each(function (d) {
        const r = rect(d.id);
        const g = select(this);
        if (setOnce(this, '__pos', `${r.x},${r.y},${r.w}`)) {
          place(this, r.x, r.y, false);
          g.select('rect').attr('width', r.w).attr('height', r.h);
        }
        if (!setOnce(this, '__sig', `${d.count}|${d.namespace}|${d.node}`)) return;
        g.attr('data-name', d.category).attr('data-namespace', d.namespace).attr('data-phase', d.category)
          .attr('data-node', d.node).attr('data-count', d.count)
          .attr('aria-label', `${d.count} ${d.category}${d.node ? ` (${d.node})` : ''}: ${labels.expand}`);
        g.select('circle').attr('fill', categoryColor(d.category));
        g.select('text').text(`${d.count} ${d.category}`);
      });

    // ---- pods: painted on the canvas layer; the SVG keeps one invisible, focusable proxy per
    // pod (data attributes, label, hit area). Only pods whose item or slot changed are touched.
    const now = performance.now();
    this.pods.resize(layout.width, layout.height);
    const ownerOf = new Map<string, string>();
    if (diff.added.length) {
      const added = new Set(diff.added);
      for (const e of model.edges) if (e.type === 'owns' && added.has(e.target)) ownerOf.set(e.target, e.source);
    }
    const animateIn = this.prev !== undefined && diff.added.length <= ANIMATE_MAX;
    const fadeIn = this.prev !== undefined && diff.added.length <= 4 * ANIMATE_MAX;
    if (bulk) this.bulkUntil = now + PROXY_QUIET_MS;
    let ghostBudget = bulk ? 0 : GHOSTS_PER_RENDER;
    const motionOf = (m: Motion): Motion => (m.type === 'none' || ghostBudget-- <= 0 ? { type: 'none' } : m);
    const active = document.activeElement;
    let focusFallback: string | undefined;
    // forEach over pods and proxies: no iterator result or entry array per pod each frame.
    this.proxies.forEach((px, uid) => {
      if (layout.rects.has(uid) && model.pods.has(uid)) return;
      const gone = !model.pods.has(uid);
      if (px.el && px.el === active) focusFallback = px.item.nodeUid;
      px.el?.remove();
      this.proxies.delete(uid);
      this.proxyWrites.drop(uid);
      this.pods.remove(uid, gone && diff.removed.length <= 4 * ANIMATE_MAX && ghostBudget-- > 0, now);
    });
    this.proxyWrites.startFrame();
    this.labels = labels;
    let moving = 0;
    model.pods.forEach((p) => {
      const r = layout.rects.get(p.uid);
      if (!r) return;
      let px = this.proxies.get(p.uid);
      if (!px) {
        px = { uid: p.uid, el: undefined, item: p, x: r.x, y: r.y, sig: '', pos: '' };
        this.proxies.set(p.uid, px);
        this.proxyWrites.update(p.uid);
        const from = animateIn ? layout.rects.get(ownerOf.get(p.uid) ?? '') : undefined;
        const motion: Motion = from ? { type: 'fly', ...flyFrom(from) } : fadeIn ? { type: 'fade' } : { type: 'none' };
        this.pods.put(p.uid, r.x, r.y, podLook(p), motionOf(motion), now);
        return;
      }
      const moved = px.x !== r.x || px.y !== r.y;
      const restyled = px.item !== p;
      if (!moved && !restyled) return;
      px.item = p;
      px.x = r.x;
      px.y = r.y;
      if (moved) moving++;
      this.proxyWrites.update(p.uid);
      this.pods.put(p.uid, r.x, r.y, restyled ? podLook(p) : undefined, motionOf(moved && moving <= 4 * ANIMATE_MAX ? { type: 'move' } : { type: 'none' }), now);
    });
    if (this.drawnLabels !== labels) {
      if (this.drawnLabels) for (const px of this.proxies.values()) drawProxy(px, px.item, labels, true);
      this.drawnLabels = labels;
    }
    this.pods.flush(now);
    // A focused pod that disappears hands focus to its Node box.
    if (focusFallback) {
      const next = this.el.querySelector<SVGGElement>(`[data-focus-id="${focusFallback}"]`);
      if (next) next.focus();
    }
    this.layout = layout;
    this.ensureTabStop();
    this.prev = model;

    const probe = (globalThis as { __timonelGraphProbe?: GraphProbe }).__timonelGraphProbe;
    if (typeof probe === 'function') {
      const shown: string[] = [];
      for (const uid of changed) {
        const p = model.pods.get(uid);
        if (p && (layout.rects.has(uid) || layout.grouped.has(uid))) shown.push(`${uid}|${p.phase}`);
      }
      probe(shown, ctx.inFrame === true);
    }
  }

  /** Writes (creating it if needed) the proxy of a pod: data attributes, label, position. */
  private writeProxy(px: PodProxy): void {
    let el = px.el;
    if (!el) {
      el = document.createElementNS(SVG_NS, 'g');
      el.setAttribute('class', 'pod');
      el.setAttribute('tabindex', px.uid === this.current ? '0' : '-1');
      el.setAttribute('role', 'button');
      el.setAttribute('data-kind', 'Pod');
      el.setAttribute('data-uid', px.uid);
      el.setAttribute('data-focus-id', px.uid);
      const hit = document.createElementNS(SVG_NS, 'circle');
      hit.setAttribute('class', 'hit');
      hit.setAttribute('r', '11');
      el.appendChild(hit);
      px.el = el;
      (this.layers.pods.node() as SVGGElement).appendChild(el);
    }
    // Placed by the hit circle's centre, not a transform on the group: a transform per proxy
    // is a paint property node per proxy that every frame's compositing walks.
    const pos = `${px.x + 12},${px.y + 12}`;
    if (px.pos !== pos) {
      px.pos = pos;
      const hit = el.firstChild as SVGCircleElement;
      hit.setAttribute('cx', String(px.x + 12));
      hit.setAttribute('cy', String(px.y + 12));
    }
    if (this.labels) drawProxy(px, px.item, this.labels);
  }

  /** Gives drawn objects the attributes they all share and makes them keyboard targets. */

  private focusable<D extends GraphItem>(g: Selection<SVGGElement, D, SVGGElement, unknown>, label: (d: D) => string): void {
    g.attr('data-kind', (d) => d.kind).attr('data-name', (d) => d.name).attr('data-namespace', (d) => d.namespace)
      .attr('data-uid', (d) => d.uid).attr('data-focus-id', (d) => d.uid).attr('tabindex', -1).attr('role', 'button')
      .each(function (d) {
        const l = label(d);
        if (l) this.setAttribute('aria-label', l);
      });
  }

  private items(): SVGGElement[] {
    return [...this.el.querySelectorAll<SVGGElement>('[data-focus-id]')];
  }

  private rectOf(el: Element): Rect | undefined {
    const id = el.getAttribute('data-focus-id');
    return id ? this.layout?.rects.get(id) : undefined;
  }

  private setCurrent(id: string | undefined): void {
    if (id === this.current) return;
    const old = this.current ? this.el.querySelector(`[data-focus-id="${this.current}"]`) : null;
    old?.setAttribute('tabindex', '-1');
    this.current = id;
    const el = id ? this.el.querySelector(`[data-focus-id="${id}"]`) : null;
    el?.setAttribute('tabindex', '0');
  }

  /** Exactly one object is in the Tab order: the last focused one, else the first Node box. */
  private ensureTabStop(): void {
    const cur = this.current ? this.el.querySelector(`[data-focus-id="${this.current}"]`) : null;
    if (cur) {
      cur.setAttribute('tabindex', '0');
      return;
    }
    this.current = undefined;
    const first = this.el.querySelector('g.boxes [data-focus-id]') ?? this.el.querySelector('[data-focus-id]');
    this.setCurrent(first?.getAttribute('data-focus-id') ?? undefined);
  }

  /**
   * Tab-like order: controllers (top to bottom, left to right), then each Node box followed by
   * its pods or badges in slot order, then Services.
   */
  private ordered(): SVGGElement[] {
    const byPos = (a: { r: Rect }, b: { r: Rect }) => a.r.y - b.r.y || a.r.x - b.r.x;
    const all = this.items().map((el) => ({ el, r: this.rectOf(el) ?? { x: 0, y: 0, w: 0, h: 0 } }));
    const boxes = all.filter((x) => x.el.classList.contains('box')).sort(byPos);
    const inside = (r: Rect, b: Rect) => r.x >= b.x && r.x < b.x + b.w && r.y >= b.y && r.y < b.y + b.h;
    const chips = all.filter((x) => x.el.classList.contains('chip'));
    const top = boxes.length ? boxes[0].r.y : Infinity;
    const out: SVGGElement[] = chips.filter((x) => x.r.y < top).sort(byPos).map((x) => x.el);
    const members = all.filter((x) => x.el.classList.contains('pod') || x.el.classList.contains('pod-group'));
    for (const b of boxes) {
      out.push(b.el);
      for (const m of members.filter((x) => inside(x.r, b.r)).sort(byPos)) out.push(m.el);
    }
    out.push(...chips.filter((x) => x.r.y >= top).sort(byPos).map((x) => x.el));
    return out;
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target instanceof Element ? e.target.closest<SVGGElement>('[data-focus-id]') : null;
    if (!target) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const d = target.dataset;
      if (d.kind === 'PodGroup') {
        const id = d.focusId ?? '';
        this.handlers.expand(id.split(':')[1] ?? '');
      } else if (d.kind && d.name) {
        this.handlers.open({ kind: d.kind, name: d.name, namespace: d.namespace ?? '', uid: d.uid ?? '' });
      }
      return;
    }
    let next: SVGGElement | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
      const order = this.ordered();
      const i = order.indexOf(target);
      if (e.key === 'Home') next = order[0];
      else if (e.key === 'End') next = order[order.length - 1];
      else next = order[Math.max(0, Math.min(order.length - 1, i + (e.key === 'ArrowRight' ? 1 : -1)))];
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      next = this.nearest(target, e.key === 'ArrowDown' ? 1 : -1);
    } else {
      return;
    }
    e.preventDefault();
    if (next && next !== target) {
      this.setCurrent(next.getAttribute('data-focus-id') ?? undefined);
      next.focus();
    }
  }

  /** The closest object below (dir 1) or above (-1), favouring the same column. */
  private nearest(from: SVGGElement, dir: 1 | -1): SVGGElement | undefined {
    const r = this.rectOf(from);
    if (!r) return undefined;
    const c = center(r);
    let best: SVGGElement | undefined;
    let bestScore = Infinity;
    for (const el of this.items()) {
      const o = this.rectOf(el);
      if (!o || el === from) continue;
      const oc = center(o);
      const dy = (oc.y - c.y) * dir;
      if (dy <= 2) continue;
      const score = dy + 3 * Math.abs(oc.x - c.x);
      if (score < bestScore) {
        bestScore = score;
        best = el;
      }
    }
    return best;
  }
}
