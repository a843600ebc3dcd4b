// A small RFC 6455 WebSocket for `npm run serve`, server and client side: the opening handshake
// (Sec-WebSocket-Accept, one chosen subprotocol), text and binary frames (fragmented ones
// reassembled), masking from the client, ping/pong and the close handshake. It carries the UI's
// engine protocol (src/worker/remote-host.ts) and is what kubectl's `v5.channel.k8s.io`
// streams will need. Leaves out: extensions (permessage-deflate), HTTP/2 and TLS.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_MESSAGE = 64 * 1024 * 1024;

/** The Sec-WebSocket-Accept value for a Sec-WebSocket-Key. */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

export interface WsMessage {
  data: Buffer;
  binary: boolean;
}

/** One open WebSocket, either side. */
export class WsConnection {
  private buf: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentBinary = false;
  private readonly messageCbs: ((m: WsMessage) => void)[] = [];
  private readonly closeCbs: ((code: number, reason: string) => void)[] = [];
  private closed = false;
  private closeSent = false;

  constructor(
    private readonly socket: Duplex,
    /** Frames this side sends are masked (the client side). */
    private readonly maskOutgoing: boolean,
    /** The subprotocol agreed on in the handshake ('' when none). */
    readonly protocol: string,
    head?: Buffer,
  ) {
    // Small frames go out at once (no Nagle delay behind an unacknowledged one).
    const tcp = socket as Duplex & { setNoDelay?: (on: boolean) => void };
    tcp.setNoDelay?.(true);
    socket.on('data', (d: Buffer) => this.receive(d));
    socket.on('close', () => this.finish(1006, ''));
    socket.on('error', () => this.finish(1006, ''));
    if (head && head.length) this.receive(head);
  }

  onMessage(cb: (m: WsMessage) => void): void {
    this.messageCbs.push(cb);
  }

  onClose(cb: (code: number, reason: string) => void): void {
    this.closeCbs.push(cb);
  }

  get isOpen(): boolean {
    return !this.closed && !this.closeSent;
  }

  sendText(text: string): void {
    this.frame(0x1, Buffer.from(text, 'utf8'));
  }

  sendBinary(data: Buffer): void {
    this.frame(0x2, data);
  }

  /** Starts the close handshake (the peer answers, then the socket ends). */
  close(code = 1000, reason = ''): void {
    if (this.closed || this.closeSent) return;
    const r = Buffer.from(reason, 'utf8');
    const payload = Buffer.alloc(2 + r.length);
    payload.writeUInt16BE(code, 0);
    r.copy(payload, 2);
    this.frame(0x8, payload);
    this.closeSent = true;
    // A peer that never answers does not keep the socket open.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Drops the connection without a close handshake. */
  destroy(): void {
    this.socket.destroy();
  }

  private frame(opcode: number, payload: Buffer): void {
    if (this.closed || this.closeSent || this.socket.destroyed) return;
    const len = payload.length;
    const maskBit = this.maskOutgoing ? 0x80 : 0;
    let header: Buffer;
    if (len < 126) {
      header = Buffer.from([0x80 | opcode, maskBit | len]);
    } else if (len < 65536) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = maskBit | 126;
      header.writeUInt16BE(len, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = maskBit | 127;
      header.writeBigUInt64BE(BigInt(len), 2);
    }
    if (!this.maskOutgoing) {
      this.socket.write(Buffer.concat([header, payload]));
      return;
    }
    const mask = randomBytes(4);
    const masked = Buffer.allocUnsafe(len);
    for (let i = 0; i < len; i++) masked[i] = payload[i] ^ mask[i & 3];
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  private receive(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const b = this.buf;
      if (b.length < 2) return;
      const fin = (b[0] & 0x80) !== 0;
      const opcode = b[0] & 0x0f;
      const masked = (b[1] & 0x80) !== 0;
      let len = b[1] & 0x7f;
      let off = 2;
      if (len === 126) {
        if (b.length < 4) return;
        len = b.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (b.length < 10) return;
        const big = b.readBigUInt64BE(2);
        if (big > BigInt(MAX_MESSAGE)) return this.fail(1009);
        len = Number(big);
        off = 10;
      }
      const maskAt = off;
      if (masked) off += 4;
      if (b.length < off + len) return;
      let payload: Buffer = b.subarray(off, off + len);
      if (masked) {
        const out = Buffer.allocUnsafe(len);
        for (let i = 0; i < len; i++) out[i] = payload[i] ^ b[maskAt + (i & 3)];
        payload = out;
      } else {
        payload = Buffer.from(payload);
      }
      this.buf = b.subarray(off + len);
      this.handle(fin, opcode, payload);
      if (this.closed) return;
    }
  }

  private handle(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case 0x0: // continuation
        this.fragments.push(payload);
        if (fin) this.deliver(Buffer.concat(this.fragments.splice(0)), this.fragmentBinary);
        return;
      case 0x1:
      case 0x2:
        if (!fin) {
          this.fragments = [payload];
          this.fragmentBinary = opcode === 0x2;
          return;
        }
        this.deliver(payload, opcode === 0x2);
        return;
      case 0x8: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        const reason = payload.length > 2 ? payload.subarray(2).toString('utf8') : '';
        if (!this.closeSent) {
          // Echo the close, then end the TCP connection (the server side ends it first).
          this.frame(0x8, payload.subarray(0, Math.min(payload.length, 2)));
          this.closeSent = true;
        }
        this.finish(code, reason);
        this.socket.end();
        return;
      }
      case 0x9:
        this.frame(0xa, payload);
        return;
      case 0xa:
        return;
      default:
        this.fail(1002);
    }
  }

  private deliver(data: Buffer, binary: boolean): void {
    for (const cb of this.messageCbs) cb({ data, binary });
  }

  private fail(code: number): void {
    this.close(code);
    this.finish(code, '');
    this.socket.destroy();
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const cb of this.closeCbs) cb(code, reason);
  }
}

/** Whether an upgrade request asks for a WebSocket. */
export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && typeof req.headers['sec-websocket-key'] === 'string';
}

/**
 * Completes the server side of the handshake on an 'upgrade' socket. `protocols` are the
 * subprotocols this endpoint speaks, best first; the first one the client offers is chosen.
 * Answers 400 and returns undefined when the request is not a usable WebSocket upgrade.
 */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, protocols: string[] = []): WsConnection | undefined {
  const key = req.headers['sec-websocket-key'];
  if (!isWebSocketUpgrade(req) || typeof key !== 'string') {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return undefined;
  }
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const chosen = protocols.find((p) => offered.includes(p)) ?? '';
  if (protocols.length && offered.length && !chosen) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return undefined;
  }
  const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey(key)}`];
  if (chosen) lines.push(`Sec-WebSocket-Protocol: ${chosen}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  return new WsConnection(socket, false, chosen, head);
}

/** Opens a client WebSocket to a `ws://host:port/path` URL (tests and Node tools). */
export function connectWebSocket(url: string, protocols: string[] = []): Promise<WsConnection> {
  const u = new URL(url);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': key,
    };
    if (protocols.length) headers['Sec-WebSocket-Protocol'] = protocols.join(', ');
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers });
    req.on('upgrade', (res, socket, head) => {
      if (res.headers['sec-websocket-accept'] !== acceptKey(key)) {
        socket.destroy();
        reject(new Error('websocket: bad Sec-WebSocket-Accept'));
        return;
      }
      resolve(new WsConnection(socket, true, String(res.headers['sec-websocket-protocol'] ?? ''), head));
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => void (body += d.toString()));
      res.on('end', () => reject(new Error(`websocket: HTTP ${res.statusCode}: ${body}`)));
    });
    req.on('error', reject);
    req.end();
  });
}
