// `kubectl port-forward` over HTTP: the pods/portforward upgrade, either as the WebSocket
// subprotocol `SPDY/3.1+portforward.k8s.io` (kubectl 1.31+: SPDY frames tunnelled in binary
// messages) or as a plain `Upgrade: SPDY/3.1` (kubectl's fallback). Each forwarded connection
// is a pair of SPDY streams with the same `requestID`: `error` and `data`, for one `port`.
// SIMPLIFICATION: the simulated containers answer HTTP exchanges, not byte streams. The data
// stream's bytes are parsed as one HTTP/1.1 request (Content-Length bodies only), sent from
// inside the pod's network namespace to 127.0.0.1:port, and the answer goes back serialised
// with `Connection: close`, after which the stream is closed (one request per connection).
// Models apiserver/pkg/util/proxy/streamtunnel.go and kubelet/cri/streaming/portforward/httpstream.go
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cluster, Pod } from '../../engine';
import { NetFailure } from '../../engine';
import { podStreamRequest } from '../../shell/commands/kubectl/exec/pod-streams';
import { acceptWebSocket, isWebSocketUpgrade } from './ws';
import { SpdyServerConnection } from './spdy';
import type { SpdyStream } from './spdy';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
/** The WebSocket subprotocol that tunnels SPDY (constants.WebsocketsSPDYTunnelingPrefix + protocol). */
export const TUNNELING_PROTOCOL = `SPDY/3.1+${PORT_FORWARD_PROTOCOL}`;

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function httpAnswer(socket: Duplex, status: number, body: unknown, contentType?: string): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = contentType ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** One HTTP/1.1 request read from a client's bytes; undefined until it is complete. */
export interface ParsedRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string;
}

/** Parses the request at the start of `buf` (Content-Length bodies; chunked ones are not read). */
export function parseHttpRequest(buf: Buffer): ParsedRequest | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const [method = 'GET', target = '/'] = lines[0]!.split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const len = Number(headers['content-length'] ?? '0') || 0;
  if (buf.length < end + 4 + len) return undefined;
  return { method, target, headers, body: buf.subarray(end + 4, end + 4 + len).toString('utf8') };
}

/** The bytes of an HTTP/1.1 response as a server that closes the connection afterwards sends them. */
export function serialiseHttpResponse(res: { status: number; headers: Record<string, string>; body: string }, head: boolean): Buffer {
  const body = Buffer.from(res.body, 'utf8');
  const lines = [`HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trimEnd()];
  for (const [k, v] of Object.entries(res.headers)) {
    const l = k.toLowerCase();
    if (l === 'content-length' || l === 'connection' || l === 'transfer-encoding' || l === 'keep-alive') continue;
    lines.push(`${k}: ${v}`);
  }
  lines.push(`Content-Length: ${body.length}`, 'Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head ? Buffer.alloc(0) : body]);
}

/** Where the kubelet dials for this pod: localhost inside its network namespace. */
interface PodTarget {
  ns: string;
  name: string;
  uid: string;
}

function currentPod(cluster: Cluster, t: PodTarget): Pod | undefined {
  const res = cluster.request({ method: 'GET', path: `/api/v1/namespaces/${t.ns}/pods/${t.name}` });
  if (res.status !== 200) return undefined;
  const pod = res.body as Pod;
  return pod.metadata?.uid === t.uid ? pod : undefined;
}

/**
 * Takes an 'upgrade' request for pods/{name}/portforward; false for any other path.
 * `onActivity` lets virtual time catch up (the pod's answer travels through the network model).
 */
export function portForwardUpgrade(cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer, onActivity: () => void = () => {}): boolean {
  const url = req.url ?? '';
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/.exec(url.split('?')[0]!);
  if (!m) return false;
  const res = podStreamRequest(cluster, { method: req.method ?? 'GET', path: url });
  onActivity();
  if (!res) return false;
  if (res.status !== 101) {
    httpAnswer(socket, res.status, res.body, res.headers?.['content-type']);
    return true;
  }
  const got = cluster.request({ method: 'GET', path: `/api/v1/namespaces/${m[1]}/pods/${m[2]}` });
  const pod = got.body as Pod;
  const target: PodTarget = { ns: decodeURIComponent(m[1]!), name: decodeURIComponent(m[2]!), uid: pod.metadata?.uid ?? '' };
  let spdy: SpdyServerConnection;
  if (isWebSocketUpgrade(req)) {
    const conn = acceptWebSocket(req, socket, head, [TUNNELING_PROTOCOL]);
    if (!conn) return true;
    if (conn.protocol !== TUNNELING_PROTOCOL) {
      conn.close(1002, 'unable to upgrade: no tunneling spdy protocols provided');
      return true;
    }
    spdy = new SpdyServerConnection((d) => conn.sendBinary(d));
    conn.onMessage((msg) => spdy.receive(msg.data));
    conn.onClose(() => spdy.transportClosed());
    spdy.onClose(() => conn.close(1000));
  } else if ((req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1') {
    const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((s) => s.trim());
    if (!offered.includes(PORT_FORWARD_PROTOCOL)) {
      httpAnswer(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${PORT_FORWARD_PROTOCOL}]`);
      return true;
    }
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`);
    const tcp = socket as Duplex & { setNoDelay?: (on: boolean) => void };
    tcp.setNoDelay?.(true);
    spdy = new SpdyServerConnection((d) => {
      if (!socket.destroyed) socket.write(d);
    });
    if (head.length) spdy.receive(head);
    socket.on('data', (d: Buffer) => spdy.receive(d));
    socket.on('close', () => spdy.transportClosed());
    socket.on('error', () => spdy.transportClosed());
    spdy.onClose(() => socket.end());
  } else {
    httpAnswer(socket, 400, 'unable to upgrade: missing upgrade headers in request');
    return true;
  }
  servePortForward(cluster, spdy, target, onActivity);
  return true;
}

interface Pair {
  error?: SpdyStream;
  data?: SpdyStream;
  port: number;
}

/** Pairs the error and data streams of each request and answers each pair once. */
export function servePortForward(cluster: Cluster, spdy: SpdyServerConnection, target: PodTarget, onActivity: () => void): void {
  const pairs = new Map<string, Pair>();
  spdy.onStream((s) => {
    const type = s.header('streamType');
    const port = Number(s.header('port'));
    const requestID = s.header('requestID') ?? '';
    if ((type !== 'error' && type !== 'data') || !Number.isInteger(port) || port <= 0 || port > 65535) {
      s.reset(1);
      return;
    }
    s.reply();
    const pair = pairs.get(requestID) ?? { port };
    pairs.set(requestID, pair);
    if (type === 'error') pair.error = s;
    else {
      pair.data = s;
      forward(cluster, s, pair, target, onActivity, () => pairs.delete(requestID));
    }
    onActivity();
  });
}

function forward(cluster: Cluster, data: SpdyStream, pair: Pair, target: PodTarget, onActivity: () => void, done: () => void): void {
  let buf: Buffer = Buffer.alloc(0);
  let answered = false;
  const finish = (errorText?: string) => {
    if (errorText && pair.error && !pair.error.localClosed) pair.error.write(Buffer.from(errorText, 'utf8'));
    pair.error?.end();
    data.end();
    done();
    onActivity();
  };
  const tryAnswer = (eof: boolean) => {
    if (answered) return;
    const parsed = parseHttpRequest(buf);
    if (!parsed) {
      if (eof) {
        answered = true;
        finish();
      }
      return;
    }
    answered = true;
    const pod = currentPod(cluster, target);
    const podIP = pod?.status?.podIP;
    if (!pod || !podIP || !pod.spec?.nodeName) {
      finish(`error forwarding port ${pair.port} to pod ${target.uid}, uid : pod not found`);
      return;
    }
    const origin = { nodeName: pod.spec.nodeName, ip: podIP, host: false };
    const headers = { ...parsed.headers };
    cluster.network
      .http(origin, { method: parsed.method, url: `http://127.0.0.1:${pair.port}${parsed.target}`, headers, body: parsed.body || undefined })
      .then(
        (x) => {
          if (!x.emptyReply) data.write(serialiseHttpResponse(x.response, parsed.method === 'HEAD'));
          finish();
        },
        (e: unknown) => {
          const why = e instanceof NetFailure && e.code === 'ECONNREFUSED' ? 'connect: connection refused' : e instanceof Error ? e.message : String(e);
          // SIMPLIFICATION: the container runtime's longer text (network namespace path, IPv6 attempt) is shortened.
          finish(`error forwarding port ${pair.port} to pod ${target.uid}, uid : failed to connect to localhost:${pair.port} inside namespace "${target.uid}", IPv4: dial tcp4 127.0.0.1:${pair.port}: ${why} `);
        },
      );
    onActivity();
  };
  data.onData((d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    tryAnswer(false);
  });
  data.onEnd(() => tryAnswer(true));
}
