// The simulated API server over HTTP/1.1 on localhost: each request goes to the engine's REST
// handler (the same one the in-browser kubectl uses); watches become chunked streams of one
// JSON watch event per line, followed logs a chunked text stream. Bodies may be JSON, YAML
// (server-side apply) or protobuf (typed client-go clients). Leaves out: TLS, authentication,
// authorization, HTTP/2 and protobuf responses (clients that accept JSON get JSON).
// Models staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{watch.go,rest.go,responsewriters/writers.go}
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ApiRequest, ApiResponse } from '../../engine';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE, ProtobufDecodeError } from './protobuf';
import { upgradeHandler } from './websocket';
import type { StreamHandlers } from './websocket';
import type { StaticUi } from './static-ui';
import type { Duplex } from 'node:stream';

export type RequestHandler = (req: ApiRequest) => ApiResponse;

export interface ApiHttpServerOptions {
  /** Called after every request and stream event, so the host can let virtual time catch up. */
  onActivity?: () => void;
  /** Exec/attach/port-forward handlers (WebSocket); without them those answer 400. */
  streams?: StreamHandlers;
  /** Called for each request line (method, path, status) when logging is wanted. */
  log?: (line: string) => void;
  /** The built UI, served on paths outside the API (static-ui.ts). */
  ui?: StaticUi;
  /** Takes an 'upgrade' request first (the UI's engine WebSocket); false passes it on. */
  onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
}

/** A JSON Status body in the real server's field order. */
function statusJson(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
  return h;
}

/**
 * Turns a raw body into what the REST handler takes: JSON and YAML stay text (the handler
 * reports duplicate fields from the text), protobuf becomes the object it encodes.
 */
export function decodeBody(contentType: string, raw: Buffer): { body?: unknown; contentType: string } {
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (raw.length === 0) return { body: undefined, contentType };
  if (media === PROTOBUF_MEDIA_TYPE) return { body: decodeProtobufObject(raw), contentType: 'application/json' };
  return { body: raw.toString('utf8'), contentType };
}

const JSON_TYPE = 'application/json';

/** Writes one REST answer; streams stay open until the client goes or the stream ends. */
export function writeResponse(res: ServerResponse, out: ApiResponse, onActivity: () => void, onClose: (cb: () => void) => void): void {
  const headers: Record<string, string> = { 'cache-control': 'no-cache, private' };
  for (const [k, v] of Object.entries(out.headers ?? {})) headers[k.toLowerCase()] = v;
  if (out.watch) {
    const w = out.watch;
    res.writeHead(out.status, { ...headers, 'content-type': JSON_TYPE, 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    let open = true;
    onClose(() => {
      if (!open) return;
      open = false;
      w.stop();
    });
    w.onEvent((ev) => {
      if (!open) return;
      res.write(`${JSON.stringify({ type: ev.type, object: ev.object })}\n`);
      onActivity();
    });
    return;
  }
  if (out.stream) {
    const s = out.stream;
    res.writeHead(out.status, { ...headers, 'content-type': headers['content-type'] ?? 'text/plain', 'transfer-encoding': 'chunked' });
    if (typeof out.body === 'string' && out.body) res.write(out.body);
    else res.flushHeaders();
    let open = true;
    onClose(() => {
      if (!open) return;
      open = false;
      s.stop();
    });
    s.onData((chunk) => {
      if (open) res.write(chunk);
      onActivity();
    });
    s.onEnd(() => {
      if (!open) return;
      open = false;
      res.end();
    });
    return;
  }
  let text: string;
  if (typeof out.body === 'string') {
    text = out.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    text = out.body === undefined ? '' : JSON.stringify(out.body);
    headers['content-type'] ??= JSON_TYPE;
  }
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(out.status, headers);
  res.end(text);
}

/** Creates (does not start) the HTTP server for a REST handler. */
export function createApiHttpServer(handle: RequestHandler, opts: ApiHttpServerOptions = {}): Server {
  const onActivity = opts.onActivity ?? (() => {});
  const server = createServer((req, res) => {
    void serveOne(req, res);
  });
  async function serveOne(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (opts.ui?.handle(req, res)) return;
    try {
      const raw = await readBody(req);
      const headers = headersOf(req);
      let decoded: { body?: unknown; contentType: string };
      try {
        decoded = decodeBody(headers['content-type'] ?? '', raw);
      } catch (e) {
        if (!(e instanceof ProtobufDecodeError)) throw e;
        const text = statusJson(400, 'BadRequest', `the object provided is unrecognized: ${e.message}`);
        res.writeHead(400, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
        return;
      }
      if (decoded.contentType !== headers['content-type'] && headers['content-type'] !== undefined) headers['content-type'] = decoded.contentType;
      const out = handle({ method, path, headers, body: decoded.body });
      opts.log?.(`${method} ${path} ${out.status}`);
      writeResponse(res, out, onActivity, (cb) => {
        res.on('close', cb);
        req.on('close', cb);
      });
      onActivity();
    } catch (e) {
      opts.log?.(`${method} ${path} 500 ${(e as Error).stack ?? String(e)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const text = statusJson(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
      res.writeHead(500, { 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    }
  }
  const streams = upgradeHandler(opts.streams, onActivity);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (opts.onUpgrade?.(req, socket, head)) return;
    streams(req, socket);
  });
  return server;
}

/** Error thrown by listen() when the port is in use or cannot be bound. */
export class ListenError extends Error {}

/** Starts listening; resolves with the bound port. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') reject(new ListenError(`port ${port} on ${host} is already in use (is another "npm run serve" running?); choose another with --port`));
      else if (e.code === 'EACCES') reject(new ListenError(`no permission to listen on ${host}:${port}; choose a port above 1023 with --port`));
      else reject(new ListenError(`cannot listen on ${host}:${port}: ${e.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
