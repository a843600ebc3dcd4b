// The pod layer of the live graph: pods at rest are painted on canvas tiles laid over the SVG
// (state colour, readiness ring, restart count, focus ring, crash-loop pulse); a pod that
// arrives (flying in from its owner), moves to another slot or leaves (fading out) is drawn for
// that time on a small "ghost" canvas moved by the Web Animations API, which the compositor runs
// without main-thread work per frame, and lands back on the tiles when done. Only the cells that
// changed are cleared and repainted, and the layer is cut into tiles because software raster
// hands the compositor a copy of every canvas that changed in a frame. Tiles scrolled out of
// sight (beyond a tile's margin) are not painted: they are marked stale and repainted when the
// graph's scroll box brings them near the screen — what the browser itself does for DOM it culls.
// Accessibility and hit testing stay with the SVG's invisible `g.pod` proxies.
// Leaves out: hit testing on the canvas (the proxies do it), forced-colours mode.

/** How one pod looks; equal values draw identical pixels. */
export interface PodLook {
  /** Theme colour key: 'running', 'notready', 'pending', 'succeeded', 'failed', 'terminating', 'unknown'. */
  color: string;
  /** The ring is green (all containers ready) or grey. */
  ringOn: boolean;
  notReady: boolean;
  terminating: boolean;
  crashloop: boolean;
  /** '' or the restart count as drawn ('99+' above 99). */
  restarts: string;
}

export type Motion =
  | { type: 'none' }
  /** Glide from where the pod is drawn now. */
  | { type: 'move' }
  /** Fly in from a point (the owner's chip centre), fading in. */
  | { type: 'fly'; fromX: number; fromY: number }
  | { type: 'fade' };

export const CELL = 24;
export const FADE_MS = 300;
export const MOVE_MS = 400;
/** A sprite paints inside its cell grown by this margin (stroke and focus ring). */
const PAD = 2;
/** Above this many dirty rectangles in a frame the whole layer is repainted. */
const MAX_DIRTY = 48;
/** Side of a canvas tile, CSS pixels. */
export const TILE = 256;
/** Cached pod images kept at most (28 px squares, ~3 KB each at 1×); the cache starts over beyond. */
const MAX_IMAGES = 256;
/** At most this many pods animate at once; beyond, they jump (a big reflow or a scale-up). */
export const MAX_GHOSTS = 160;
const EASE_OUT = 'cubic-bezier(0.33, 1, 0.68, 1)';
const EASE_IN = 'cubic-bezier(0.32, 0, 0.67, 0)';

interface Anim {
  start: number;
  dur: number;
  fromX: number;
  fromY: number;
  fromAlpha: number;
  toAlpha: number;
  fromScale: number;
  toScale: number;
  /** 'out' = ease-out (arrivals, moves), 'in' = ease-in (leaving). */
  ease: 'out' | 'in';
}

interface Ghost {
  el: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  anim: Anim;
  toX: number;
  toY: number;
  player: Animation | undefined;
}

interface Sprite {
  uid: string;
  look: PodLook;
  /** Top-left of its cell. */
  x: number;
  y: number;
  /** Animating on a ghost canvas (then not on the tiles). */
  ghost?: Ghost;
  /** Drawn on the tiles at (x, y). */
  painted: boolean;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const easeOut = (t: number) => 1 - (1 - t) * (1 - t) * (1 - t);
const easeIn = (t: number) => t * t * t;
/** Crash-loop pulse: fill opacity 1 → 0.35 → 1 every 2 s (CSS: 1 s alternate, ease-in-out). */
export function pulseOpacity(now: number): number {
  const t = (now % 2000) / 1000;
  const u = t <= 1 ? t : 2 - t;
  const e = u < 0.5 ? 2 * u * u : 1 - 2 * (1 - u) * (1 - u);
  return 1 - 0.65 * e;
}

/** Position, opacity and scale of an animation at `now`, and whether it is over. */
export function animAt(a: Anim, toX: number, toY: number, now: number): { x: number; y: number; alpha: number; scale: number; done: boolean } {
  const t = a.dur <= 0 ? 1 : Math.min(1, Math.max(0, (now - a.start) / a.dur));
  const k = a.ease === 'out' ? easeOut(t) : easeIn(t);
  return {
    x: a.fromX + (toX - a.fromX) * k,
    y: a.fromY + (toY - a.fromY) * k,
    alpha: a.fromAlpha + (a.toAlpha - a.fromAlpha) * k,
    scale: a.fromScale + (a.toScale - a.fromScale) * k,
    done: t >= 1,
  };
}

const cellBox = (x: number, y: number): Box => ({ x0: x - PAD, y0: y - PAD, x1: x + CELL + PAD, y1: y + CELL + PAD });

/**
 * Merges dirty rectangles that overlap or touch, so that neighbouring cells become one
 * rectangle. Returns undefined when there are too many (repaint everything).
 */
export function mergeBoxes(boxes: readonly Box[], max = MAX_DIRTY): Box[] | undefined {
  const out: Box[] = [];
  for (const b of boxes) {
    let cur = { ...b };
    for (let i = 0; i < out.length; ) {
      const o = out[i];
      if (o.x0 <= cur.x1 && cur.x0 <= o.x1 && o.y0 <= cur.y1 && cur.y0 <= o.y1) {
        cur = { x0: Math.min(o.x0, cur.x0), y0: Math.min(o.y0, cur.y0), x1: Math.max(o.x1, cur.x1), y1: Math.max(o.y1, cur.y1) };
        out.splice(i, 1);
        i = 0;
      } else i++;
    }
    out.push(cur);
    if (out.length > max) return undefined;
  }
  return out;
}

type Palette = Record<string, string>;
const PALETTE_VARS = ['running', 'notready', 'pending', 'succeeded', 'failed', 'terminating', 'unknown', 'ring-off'];

interface Tile {
  canvas: HTMLCanvasElement;
  /**
   * Made when the tile is first painted (undefined until then): a context allocates the
   * tile's backing store, and most tiles of a tall graph are never near the screen.
   */
  ctx?: CanvasRenderingContext2D | null;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Changes were not painted because the tile was out of sight. */
  stale?: boolean;
  /** Out of sight and not displayed: no layer for the compositor to walk each frame. */
  hidden?: boolean;
}

/**
 * Tiles this close to the visible part are painted too (a short scroll shows them at once);
 * farther ones wait until a scroll brings them near. Each painted tile is a canvas handed to the
 * compositor in that frame, the largest cost of a 500-pod frame.
 */
export const VIEW_MARGIN = 64;

/** Whether a tile is within `margin` pixels of the visible part of the layer (undefined: all visible). */
export function tileNearView(t: { x: number; y: number; w: number; h: number }, view: Box | undefined, margin = VIEW_MARGIN): boolean {
  if (!view) return true;
  return t.x < view.x1 + margin && t.x + t.w > view.x0 - margin && t.y < view.y1 + margin && t.y + t.h > view.y0 - margin;
}

/** Painter of pod sprites on canvas tiles inside `host`. Times are `performance.now()` milliseconds. */
export class PodCanvas {
  private tiles: Tile[] = [];
  private cols = 0;
  private readonly sprites = new Map<string, Sprite>();
  /** Ghosts of deleted pods, fading out. */
  private readonly leaving = new Set<Ghost>();
  private ghosts = 0;
  /** Ghost canvases not in use (display: none), reused: creating a 2D context costs more than drawing. */
  private readonly pool: { el: HTMLCanvasElement; ctx: CanvasRenderingContext2D | null }[] = [];
  private dirty: Box[] = [];
  private full = true;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private palette: Palette = {};
  private focusColor = '#1a5fd0';
  /**
   * One pre-drawn image per look (and focus) at the current palette and resolution. Drawing a
   * pod is then one bitmap copy: the 2D context records arcs, strokes and dashes and rasters
   * them when the frame commits, where anti-aliased arcs for a burst's pods cost 1–4 ms per
   * tile; a copy of a cached bitmap costs a fraction of that.
   */
  private readonly images = new Map<string, HTMLCanvasElement>();
  private focused: string | undefined;
  private raf = 0;
  private crashlooping = 0;
  private readonly reduceMotion: MediaQueryList | undefined;
  private readonly observer: MutationObserver | undefined;
  private readonly scheme: MediaQueryList | undefined;
  private readonly onScheme = () => this.readTheme();
  /** The part of the layer inside the scroll box, in layer pixels (undefined: paint everything). */
  private view: Box | undefined;
  /** CSS `zoom` of the stage (presenter view): the backing stores grow with it to stay sharp. */
  private zoom = 1;
  private readonly scroller: HTMLElement | null;
  private readonly onScroll = () => this.readView();
  private readonly sizeObserver: ResizeObserver | undefined;

  constructor(private readonly host: HTMLElement) {
    this.scroller = typeof host.closest === 'function' ? host.closest<HTMLElement>('.graph-scroll') : null;
    if (this.scroller) {
      this.scroller.addEventListener('scroll', this.onScroll, { passive: true });
      if (typeof ResizeObserver === 'function') {
        this.sizeObserver = new ResizeObserver(() => this.readView());
        this.sizeObserver.observe(this.scroller);
      }
      this.readView();
    }
    const mm = typeof matchMedia === 'function' ? matchMedia : undefined;
    this.reduceMotion = mm?.('(prefers-reduced-motion: reduce)');
    this.scheme = mm?.('(prefers-color-scheme: dark)');
    this.scheme?.addEventListener('change', this.onScheme);
    if (typeof MutationObserver === 'function') {
      this.observer = new MutationObserver(() => this.readTheme());
      this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    }
    this.readTheme();
  }

  destroy(): void {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.sizeObserver?.disconnect();
    this.observer?.disconnect();
    this.scheme?.removeEventListener('change', this.onScheme);
    for (const t of this.tiles) t.canvas.remove();
    this.tiles = [];
    for (const s of this.sprites.values()) if (s.ghost) this.dropGhost(s.ghost);
    for (const g of this.leaving) this.dropGhost(g);
    this.leaving.clear();
    for (const p of this.pool) p.el.remove();
    this.pool.length = 0;
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }

  /** Theme colours from the CSS variables (light/dark); repaints everything when they changed. */
  readTheme(): void {
    const cs = getComputedStyle(this.host);
    const next: Palette = {};
    for (const v of PALETTE_VARS) next[v] = cs.getPropertyValue(`--pod-${v}`).trim() || '#8a8f98';
    const focus = cs.getPropertyValue('--focus').trim() || '#1a5fd0';
    if (focus === this.focusColor && PALETTE_VARS.every((v) => next[v] === this.palette[v])) return;
    this.focusColor = focus;
    this.palette = next;
    this.images.clear();
    this.full = true;
    this.schedule();
  }

  /**
   * Reads which part of the layer the scroll box shows. Called from scroll events and resize
   * observations (layout is clean there), never while rendering, so it forces no layout.
   */
  private readView(): void {
    const sc = this.scroller;
    if (!sc) return;
    const a = sc.getBoundingClientRect();
    const b = this.host.getBoundingClientRect();
    const z = this.zoom;
    this.setView({ x0: (a.left - b.left) / z, y0: (a.top - b.top) / z, x1: (a.right - b.left) / z, y1: (a.bottom - b.top) / z });
  }

  /** The stage's CSS zoom changed: tiles are re-made at the new resolution, the view re-read. */
  setZoom(zoom: number): void {
    if (!(zoom > 0) || zoom === this.zoom) return;
    this.zoom = zoom;
    const { width, height } = this;
    this.width = -1;
    this.resize(width, height);
    this.readView();
  }

  /** Sets the visible part of the layer; stale tiles coming near it are painted in the next frame. */
  setView(view: Box | undefined): void {
    this.view = view;
    if (this.tiles.some((t) => t.stale && tileNearView(t, view))) this.schedule();
  }

  private get motion(): boolean {
    return !this.reduceMotion?.matches;
  }

  resize(width: number, height: number): void {
    const dpr = (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1) * this.zoom;
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    // Tiles that keep their size keep their pixels (the graph grows a row at a time while pods
    // arrive): only new or resized tiles are repainted, not every tile of the layer.
    const same = dpr === this.dpr;
    if (!same) this.images.clear();
    const before = { width: this.width, height: this.height };
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.host.style.width = `${width}px`;
    this.host.style.height = `${height}px`;
    const cols = Math.ceil(width / TILE);
    const rows = Math.ceil(height / TILE);
    const tiles: Tile[] = [];
    const dirty: Box[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const old = this.cols === cols ? this.tiles[r * cols + c] : undefined;
        // Every tile is a whole TILE square (the host clips what overhangs the layer): a layer
        // that grows by a row of pods only adds tiles, and never reallocates the last row's
        // canvases (a new backing store and its first upload cost ~12 ms in a burst's frame).
        const w = TILE;
        const h = TILE;
        const canvas = old?.canvas ?? document.createElement('canvas');
        if (!old) this.host.prepend(canvas);
        const kept = same && old !== undefined && old.w === w && old.h === h;
        if (!kept) {
          canvas.width = Math.ceil(w * dpr);
          canvas.height = Math.ceil(h * dpr);
          canvas.style.cssText = `position:absolute;left:${c * TILE}px;top:${r * TILE}px;width:${w}px;height:${h}px`;
          dirty.push({ x0: c * TILE, y0: r * TILE, x1: c * TILE + w, y1: r * TILE + h });
        }
        // A kept tile keeps what it did not paint (stale) and whether it is displayed.
        tiles.push({ canvas, ctx: old?.ctx, x: c * TILE, y: r * TILE, w, h, stale: kept && old.stale, hidden: kept && old.hidden });
      }
    }
    // A layer that shrank leaves pixels in the tiles' overhang (clipped now): cleared, so they
    // do not show again when it grows back.
    if (height < before.height) dirty.push({ x0: 0, y0: height, x1: cols * TILE, y1: before.height });
    if (width < before.width) dirty.push({ x0: width, y0: 0, x1: before.width, y1: rows * TILE });
    const keep = new Set(tiles.map((t) => t.canvas));
    for (const t of this.tiles) if (!keep.has(t.canvas)) t.canvas.remove();
    this.tiles = tiles;
    this.cols = cols;
    // Sprites outside the layer now are not painted (nor cleared) by later dirty boxes.
    for (const s of this.sprites.values()) if (s.painted && (s.x >= width || s.y >= height)) s.painted = false;
    if (!this.full) this.dirty.push(...dirty);
    this.schedule();
  }

  has(uid: string): boolean {
    return this.sprites.has(uid);
  }

  get size(): number {
    return this.sprites.size;
  }

  /** Pods animating now (arriving, moving, leaving). */
  get animating(): number {
    return this.ghosts;
  }

  /** Adds or updates a pod at (x, y), the top-left of its cell. */
  put(uid: string, x: number, y: number, look: PodLook | undefined, motion: Motion, now: number): void {
    const animate = this.motion && motion.type !== 'none' && this.ghosts < MAX_GHOSTS;
    let s = this.sprites.get(uid);
    if (!s) {
      if (!look) return;
      s = { uid, look, x, y, painted: false };
      this.sprites.set(uid, s);
      if (look.crashloop) this.crashlooping++;
      if (animate && motion.type === 'fly') {
        this.startGhost(s, { start: now, dur: MOVE_MS, fromX: motion.fromX - CELL / 2, fromY: motion.fromY - CELL / 2, fromAlpha: 0, toAlpha: 1, fromScale: 1, toScale: 1, ease: 'out' });
      } else if (animate) {
        this.startGhost(s, { start: now, dur: FADE_MS, fromX: x, fromY: y, fromAlpha: 0, toAlpha: 1, fromScale: 1, toScale: 1, ease: 'out' });
      } else this.dirtyCell(x, y);
      this.schedule();
      return;
    }
    const restyle = look !== undefined && !sameLook(look, s.look);
    if (restyle && look) {
      if (look.crashloop !== s.look.crashloop) this.crashlooping += look.crashloop ? 1 : -1;
      s.look = look;
      if (s.ghost) this.drawGhost(s.ghost, s);
    }
    const moved = x !== s.x || y !== s.y;
    if (moved) {
      if (s.painted) this.dirtyCell(s.x, s.y);
      s.painted = false;
      const g = s.ghost;
      const from = g ? animAt(g.anim, g.toX, g.toY, now) : { x: s.x, y: s.y, alpha: 1, scale: 1 };
      s.x = x;
      s.y = y;
      if (g || animate) {
        this.startGhost(s, { start: now, dur: MOVE_MS, fromX: from.x, fromY: from.y, fromAlpha: from.alpha, toAlpha: 1, fromScale: from.scale, toScale: 1, ease: 'out' });
      } else this.dirtyCell(x, y);
    } else if (restyle && !s.ghost) this.dirtyCell(x, y);
    if (moved || restyle) this.schedule();
  }

  /** Removes a pod: fades it out where it is (deleted), or at once (grouped, filtered). */
  remove(uid: string, fade: boolean, now: number): void {
    const s = this.sprites.get(uid);
    if (!s) return;
    this.sprites.delete(uid);
    if (s.look.crashloop) this.crashlooping--;
    if (this.focused === uid) this.focused = undefined;
    if (s.painted) this.dirtyCell(s.x, s.y);
    const g = s.ghost;
    const from = g ? animAt(g.anim, g.toX, g.toY, now) : { x: s.x, y: s.y, alpha: 1, scale: 1 };
    if (fade && this.motion && (g || this.ghosts < MAX_GHOSTS)) {
      s.x = from.x;
      s.y = from.y;
      const ghost = this.startGhost(s, { start: now, dur: FADE_MS, fromX: from.x, fromY: from.y, fromAlpha: from.alpha, toAlpha: 0, fromScale: from.scale, toScale: 0.4, ease: 'in' });
      s.ghost = undefined;
      this.leaving.add(ghost);
    } else if (g) {
      this.dropGhost(g);
    }
    this.schedule();
  }

  /** Draws the focus ring on this pod (undefined: none). */
  focus(uid: string | undefined): void {
    if (uid === this.focused) return;
    for (const u of [this.focused, uid]) {
      const s = u ? this.sprites.get(u) : undefined;
      if (s?.painted) this.dirtyCell(s.x, s.y);
    }
    this.focused = uid;
    this.schedule();
  }

  /** Paints what changed now (called at the end of a render, inside the frame). */
  flush(now: number): void {
    this.paint(now);
  }

  private dirtyCell(x: number, y: number): void {
    if (!this.full) this.dirty.push(cellBox(x, y));
  }

  private schedule(): void {
    if (this.raf || typeof requestAnimationFrame !== 'function') return;
    this.raf = requestAnimationFrame((t) => {
      this.raf = 0;
      if (this.crashlooping > 0 && this.motion) {
        for (const s of this.sprites.values()) if (s.look.crashloop && s.painted) this.dirtyCell(s.x, s.y);
        this.schedule();
      }
      this.paint(t);
    });
  }

  // ---- ghosts

  private startGhost(s: Sprite, a: Anim): Ghost {
    let g = s.ghost;
    if (!g) {
      const side = CELL + 2 * PAD;
      const px = Math.ceil(side * this.dpr);
      let reused = this.pool.pop();
      if (reused && reused.el.width !== px) {
        reused.el.remove();
        reused = undefined;
      }
      let el: HTMLCanvasElement;
      let ctx: CanvasRenderingContext2D | null;
      if (reused) {
        ({ el, ctx } = reused);
        el.style.display = '';
      } else {
        el = document.createElement('canvas');
        el.width = px;
        el.height = px;
        el.style.cssText = `position:absolute;left:0;top:0;width:${side}px;height:${side}px;pointer-events:none;will-change:transform,opacity`;
        this.host.appendChild(el);
        ctx = el.getContext('2d');
      }
      g = { el, ctx, anim: a, toX: s.x, toY: s.y, player: undefined };
      s.ghost = g;
      this.ghosts++;
      this.drawGhost(g, s);
    }
    g.anim = a;
    g.toX = s.x;
    g.toY = s.y;
    if (g.player) {
      g.player.onfinish = null;
      g.player.cancel();
    }
    const at = (x: number, y: number, k: number) => `translate(${x - PAD}px, ${y - PAD}px) scale(${k})`;
    const ghost = g;
    const player = g.el.animate(
      [{ transform: at(a.fromX, a.fromY, a.fromScale), opacity: a.fromAlpha }, { transform: at(s.x, s.y, a.toScale), opacity: a.toAlpha }],
      { duration: a.dur, easing: a.ease === 'out' ? EASE_OUT : EASE_IN, fill: 'forwards' },
    );
    g.player = player;
    player.onfinish = () => this.land(s, ghost);
    return g;
  }

  private drawGhost(g: Ghost, s: Sprite): void {
    const ctx = g.ctx;
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, g.el.width, g.el.height);
    this.drawPod(ctx, s.look, 0, 0, false, 1);
  }

  /** A ghost finished: the pod lands on the tiles (or is gone, if it was leaving). */
  private land(s: Sprite, g: Ghost): void {
    this.dropGhost(g);
    if (this.leaving.delete(g)) return;
    if (s.ghost !== g) return;
    s.ghost = undefined;
    if (this.sprites.get(s.uid) !== s) return;
    this.dirtyCell(s.x, s.y);
    this.schedule();
  }

  private dropGhost(g: Ghost): void {
    if (g.player) {
      g.player.onfinish = null;
      g.player.cancel();
    }
    if (g.el.style.display !== 'none' && g.el.isConnected) {
      this.ghosts--;
      if (this.pool.length < 32) {
        g.el.style.display = 'none';
        this.pool.push({ el: g.el, ctx: g.ctx });
      } else g.el.remove();
    }
  }

  // ---- tiles

  private paint(now: number): void {
    // Tiles far from the screen are not displayed (stale: repainted when they come back);
    // stale tiles that are near the screen now are repainted whole.
    for (const t of this.tiles) {
      if (!tileNearView(t, this.view)) {
        if (!t.hidden) {
          t.hidden = true;
          t.stale = true;
          t.canvas.style.display = 'none';
        }
        continue;
      }
      if (t.hidden) {
        t.hidden = false;
        t.canvas.style.display = '';
      }
      if (!t.stale) continue;
      t.stale = false;
      if (!this.full) this.dirty.push({ x0: t.x, y0: t.y, x1: t.x + t.w, y1: t.y + t.h });
    }
    const boxes = this.full ? undefined : mergeBoxes(this.dirty);
    this.dirty = [];
    if (boxes && boxes.length === 0) return;
    this.full = false;
    const pulse = this.motion ? pulseOpacity(now) : 1;
    for (const b of boxes ?? [{ x0: 0, y0: 0, x1: this.width, y1: this.height }]) {
      const inBox: Sprite[] = [];
      // forEach: no iterator result per sprite for each dirty box.
      this.sprites.forEach((s) => {
        if (!s.ghost && s.x - PAD < b.x1 && s.x + CELL + PAD > b.x0 && s.y - PAD < b.y1 && s.y + CELL + PAD > b.y0) inBox.push(s);
      });
      for (const t of this.tiles) {
        // This box's part in this tile.
        const x0 = Math.max(b.x0, t.x);
        const y0 = Math.max(b.y0, t.y);
        const x1 = Math.min(b.x1, t.x + t.w);
        const y1 = Math.min(b.y1, t.y + t.h);
        if (x1 <= x0 || y1 <= y0) continue;
        if (!tileNearView(t, this.view)) {
          t.stale = true;
          continue;
        }
        if (t.ctx === undefined) t.ctx = t.canvas.getContext('2d');
        const ctx = t.ctx;
        if (!ctx) continue;
        ctx.setTransform(this.dpr, 0, 0, this.dpr, -t.x * this.dpr, -t.y * this.dpr);
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, y0, x1 - x0, y1 - y0);
        ctx.clip();
        ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
        // Pods are copied at whole device pixels (the clip stays where it was set).
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        for (const s of inBox) {
          if (s.x - PAD < x1 && s.x + CELL + PAD > x0 && s.y - PAD < y1 && s.y + CELL + PAD > y0) {
            this.drawPod(ctx, s.look, Math.round((s.x - PAD - t.x) * this.dpr), Math.round((s.y - PAD - t.y) * this.dpr), s.uid === this.focused, pulse);
          }
        }
        ctx.restore();
      }
      for (const s of inBox) s.painted = true;
    }
  }

  /**
   * Draws a pod's cell (grown by PAD) with its top-left at device pixel (dx, dy) of a context
   * whose transform is the identity: a copy of the look's cached image. A crash-looping pod's
   * dot pulses, so it is drawn each time (there are few).
   */
  private drawPod(ctx: CanvasRenderingContext2D, l: PodLook, dx: number, dy: number, focused: boolean, pulse: number): void {
    if (l.crashloop) {
      ctx.save();
      ctx.setTransform(this.dpr, 0, 0, this.dpr, dx, dy);
      this.drawLook(ctx, l, PAD, PAD, focused, pulse);
      ctx.restore();
      return;
    }
    const key = `${l.color}|${l.ringOn ? 1 : 0}${l.notReady ? 1 : 0}${l.terminating ? 1 : 0}${focused ? 1 : 0}|${l.restarts}`;
    let img = this.images.get(key);
    if (!img) {
      // Bounded: restart counts make the only open-ended part of the key.
      if (this.images.size >= MAX_IMAGES) this.images.clear();
      img = document.createElement('canvas');
      img.width = img.height = Math.ceil((CELL + 2 * PAD) * this.dpr);
      const c = img.getContext('2d');
      if (c) {
        c.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        this.drawLook(c, l, PAD, PAD, focused, 1);
      }
      this.images.set(key, img);
    }
    ctx.drawImage(img, dx, dy);
  }

  private drawLook(ctx: CanvasRenderingContext2D, l: PodLook, x: number, y: number, focused: boolean, pulse: number): void {
    const cx = x + CELL / 2;
    const cy = y + CELL / 2;
    // Readiness ring (focus: thicker, focus colour).
    ctx.beginPath();
    ctx.arc(cx, cy, 10.5, 0, Math.PI * 2);
    ctx.lineWidth = focused ? 3 : 2;
    ctx.strokeStyle = focused ? this.focusColor : l.ringOn ? this.palette.running : this.palette['ring-off'];
    ctx.setLineDash([]);
    ctx.stroke();
    // State dot.
    ctx.beginPath();
    ctx.arc(cx, cy, 8, 0, Math.PI * 2);
    ctx.globalAlpha = l.terminating ? 0.5 : l.crashloop ? pulse : l.notReady ? 0.55 : 1;
    ctx.fillStyle = this.palette[l.color] ?? this.palette.unknown;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.25)';
    if (l.terminating) ctx.setLineDash([2, 2]);
    ctx.stroke();
    if (l.restarts) {
      ctx.setLineDash([]);
      ctx.fillStyle = '#fff';
      ctx.font = '9px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(l.restarts, cx, y + 15.5);
    }
  }
}

export function sameLook(a: PodLook, b: PodLook): boolean {
  return a.color === b.color && a.ringOn === b.ringOn && a.notReady === b.notReady && a.terminating === b.terminating
    && a.crashloop === b.crashloop && a.restarts === b.restarts;
}
