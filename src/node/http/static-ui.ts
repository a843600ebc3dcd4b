// The built UI (`dist/`, from `npm run build`) on the same port as the API: paths outside the
// Kubernetes API are files from that folder, and a page address that is not a file gets
// index.html (the single-page app routes itself). The served index.html sets a global that
// makes the page attach to this engine over a WebSocket (src/worker/remote-host.ts).
// Leaves out: compression, ETags and range requests.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVED_PAGE_GLOBAL } from '../../worker/remote-host';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** First path segments the Kubernetes API owns; everything else may be the UI. */
const API_ROOTS = new Set(['api', 'apis', 'version', 'openapi', 'healthz', 'livez', 'readyz', 'metrics', 'logs', '.well-known']);

/** Whether a request path (with or without a query) belongs to the Kubernetes API. */
export function isApiPath(path: string): boolean {
  const p = path.split('?')[0];
  const first = p.split('/').filter(Boolean)[0];
  return first !== undefined && API_ROOTS.has(first);
}

const wantsHtml = (req: IncomingMessage) => /\btext\/html\b/.test(String(req.headers.accept ?? ''));

export interface StaticUi {
  /** The folder served (absolute). */
  dir: string;
  /** Whether index.html exists there. */
  built: boolean;
  /** Serves the request if it is the UI's; false leaves it to the API. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The page with the served-engine global set, before any script of the page runs. */
export function injectServedMode(html: string): string {
  const tag = `<script>globalThis.${SERVED_PAGE_GLOBAL}="same-origin"</script>`;
  const at = html.search(/<script\b/i);
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at);
  const head = html.search(/<\/head>/i);
  return head >= 0 ? html.slice(0, head) + tag + html.slice(head) : tag + html;
}

export function staticUi(dir: string): StaticUi {
  const root = resolve(dir);
  const indexPath = join(root, 'index.html');
  const built = existsSync(indexPath);
  let index: string | undefined;
  const page = () => (index ??= injectServedMode(readFileSync(indexPath, 'utf8')));

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache: string, head: boolean) => {
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), 'cache-control': cache });
    res.end(head ? undefined : body);
  };

  return {
    dir: root,
    built,
    handle(req, res) {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') return false;
      const url = req.url ?? '/';
      if (isApiPath(url)) return false;
      const head = method === 'HEAD';
      const path = url.split('?')[0];
      // `/` is the page for browsers and the API's path list for everything else.
      if (path === '/' && !wantsHtml(req)) return false;
      if (!built) {
        if (!wantsHtml(req)) return false;
        send(res, 404, 'text/plain; charset=utf-8', `The UI is not built (no ${indexPath}): run "npm run build", then restart npm run serve.\n`, 'no-cache', head);
        return true;
      }
      let rel: string;
      try {
        rel = decodeURIComponent(path);
      } catch {
        send(res, 400, 'text/plain; charset=utf-8', 'bad path\n', 'no-cache', head);
        return true;
      }
      const file = resolve(root, `.${rel}`);
      const inside = file === root || file.startsWith(root + sep);
      if (inside && file !== root && file !== indexPath && existsSync(file) && statSync(file).isFile()) {
        const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        const cache = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        send(res, 200, type, readFileSync(file), cache, head);
        return true;
      }
      // A page address (not a file): the app. Anything else that is not found is the API's 404.
      if (path === '/' || path === '/index.html' || wantsHtml(req)) {
        send(res, 200, TYPES['.html'], page(), 'no-cache', head);
        return true;
      }
      return false;
    },
  };
}
