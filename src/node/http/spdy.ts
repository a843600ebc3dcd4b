// The server side of SPDY/3.1 as kubectl's port-forward speaks it (over a plain upgraded socket
// or tunnelled in WebSocket binary messages): frames in, streams out. SYN_STREAM / SYN_REPLY /
// DATA (FIN) / RST_STREAM / PING / GOAWAY, SETTINGS and WINDOW_UPDATE read and ignored. Header
// blocks from the client are zlib with the SPDY/3 dictionary, one stream per direction.
// SIMPLIFICATION: no flow control (windows are never enforced), no server push, no priorities;
// header blocks this side sends are deflate *stored* blocks (valid zlib, uncompressed).
// Models github.com/moby/spdystream/spdy/{types.go,read.go,write.go} (SPDY/3 draft framing)
import { createInflate, constants as zc } from 'node:zlib';
import type { Inflate } from 'node:zlib';

const VERSION = 3;
export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const SETTINGS = 4;
export const PING = 6;
export const GOAWAY = 7;
export const HEADERS = 8;
export const WINDOW_UPDATE = 9;
export const FLAG_FIN = 0x01;

/** RST_STREAM status codes. */
export const RST_PROTOCOL_ERROR = 1;
export const RST_REFUSED_STREAM = 3;
export const RST_CANCEL = 5;
export const RST_INTERNAL_ERROR = 6;

const DICT_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICT_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

/** The SPDY/3 header compression dictionary (draft 3, section 2.6.10.1): 1423 bytes. */
export const SPDY_DICTIONARY: Buffer = Buffer.concat([
  ...DICT_WORDS.map((w) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(w.length, 0);
    return Buffer.concat([len, Buffer.from(w, 'latin1')]);
  }),
  Buffer.from(DICT_TAIL, 'latin1'),
]);

export type SpdyHeaders = Record<string, string[]>;

/** The uncompressed name/value block: count, then (length, name, length, values joined by NUL). */
export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n, 0);
    return b;
  };
  const names = Object.keys(headers);
  parts.push(u32(names.length));
  for (const name of names) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(headers[name]!.join('\0'), 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Parses an uncompressed name/value block (names lower-case, values split at NUL). */
export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  const out: SpdyHeaders = {};
  if (block.length < 4) throw new Error('spdy: short header block');
  const count = block.readUInt32BE(0);
  let off = 4;
  for (let i = 0; i < count; i++) {
    if (off + 4 > block.length) throw new Error('spdy: short header block');
    const nl = block.readUInt32BE(off);
    off += 4;
    const name = block.subarray(off, off + nl).toString('utf8');
    off += nl;
    if (off + 4 > block.length) throw new Error('spdy: short header block');
    const vl = block.readUInt32BE(off);
    off += 4;
    const value = block.subarray(off, off + vl).toString('utf8');
    off += vl;
    if (off > block.length) throw new Error('spdy: short header block');
    out[name] = value.split('\0');
  }
  return out;
}

/**
 * This side's header compressor: a zlib stream (no preset dictionary needed) made only of
 * stored deflate blocks, each followed by an empty one as after a sync flush, so every header
 * block is readable at once.
 */
const EMPTY_STORED = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

export class StoredZlibWriter {
  private started = false;
  block(data: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      parts.push(Buffer.from([0x78, 0x01]));
    }
    let off = 0;
    do {
      const chunk = data.subarray(off, off + 0xffff);
      const h = Buffer.alloc(5);
      h[0] = 0; // BFINAL=0, BTYPE=00 (stored)
      h.writeUInt16LE(chunk.length, 1);
      h.writeUInt16LE(~chunk.length & 0xffff, 3);
      parts.push(h, chunk);
      off += 0xffff;
    } while (off < data.length);
    // An empty stored block (what a sync flush writes): readers hand the data over at once.
    parts.push(EMPTY_STORED);
    return Buffer.concat(parts);
  }
}

/** The peer's header decompressor: one zlib stream with the dictionary, fed block by block. */
class HeaderInflater {
  private readonly inflate: Inflate;
  private out: Buffer[] = [];
  private failure: Error | undefined;
  constructor() {
    this.inflate = createInflate({ dictionary: SPDY_DICTIONARY });
    this.inflate.on('data', (d: Buffer) => this.out.push(d));
    this.inflate.on('error', (e: Error) => (this.failure = e));
  }
  block(data: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.inflate.write(data);
      this.inflate.flush(zc.Z_SYNC_FLUSH, () => {
        if (this.failure) return reject(this.failure);
        const b = Buffer.concat(this.out);
        this.out = [];
        resolve(b);
      });
    });
  }
  close(): void {
    this.inflate.close();
  }
}

/** One stream the client opened. */
export class SpdyStream {
  private readonly dataCbs: ((d: Buffer) => void)[] = [];
  private readonly endCbs: (() => void)[] = [];
  private readonly resetCbs: (() => void)[] = [];
  /** The client sent FIN (or reset). */
  remoteClosed = false;
  /** This side sent FIN (or reset). */
  localClosed = false;

  constructor(
    private readonly conn: SpdyServerConnection,
    readonly id: number,
    readonly headers: SpdyHeaders,
  ) {}

  header(name: string): string | undefined {
    return this.headers[name.toLowerCase()]?.[0];
  }

  onData(cb: (d: Buffer) => void): void {
    this.dataCbs.push(cb);
  }
  /** The client closed its half (FIN) or reset the stream. */
  onEnd(cb: () => void): void {
    this.endCbs.push(cb);
  }
  onReset(cb: () => void): void {
    this.resetCbs.push(cb);
  }

  reply(headers: SpdyHeaders = {}): void {
    this.conn.sendSynReply(this.id, headers);
  }

  write(data: Buffer): void {
    if (this.localClosed || !data.length) return;
    for (let off = 0; off < data.length; off += 0xffff) this.conn.sendData(this.id, data.subarray(off, off + 0xffff), false);
  }

  /** Half-closes this side (an empty DATA frame with FIN). */
  end(): void {
    if (this.localClosed) return;
    this.localClosed = true;
    this.conn.sendData(this.id, Buffer.alloc(0), true);
    this.conn.maybeForget(this);
  }

  reset(status = RST_CANCEL): void {
    if (this.localClosed && this.remoteClosed) return;
    this.localClosed = true;
    this.remoteClosed = true;
    this.conn.sendRst(this.id, status);
    this.conn.maybeForget(this);
  }

  /** @internal */
  receiveData(d: Buffer, fin: boolean): void {
    if (this.remoteClosed) return;
    if (d.length) for (const cb of this.dataCbs) cb(d);
    if (fin) {
      this.remoteClosed = true;
      for (const cb of this.endCbs) cb();
      this.conn.maybeForget(this);
    }
  }

  /** @internal */
  receiveReset(): void {
    const was = this.remoteClosed;
    this.remoteClosed = true;
    this.localClosed = true;
    for (const cb of this.resetCbs) cb();
    if (!was) for (const cb of this.endCbs) cb();
    this.conn.maybeForget(this);
  }
}

/**
 * The server end of one SPDY/3.1 connection over a byte stream: `receive` takes bytes from the
 * client, `write` sends bytes to it. Frames are handled strictly in order.
 */
export class SpdyServerConnection {
  private buf: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, SpdyStream>();
  private readonly streamCbs: ((s: SpdyStream) => void)[] = [];
  private readonly closeCbs: (() => void)[] = [];
  private readonly inflater = new HeaderInflater();
  private readonly deflater = new StoredZlibWriter();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private lastStreamId = 0;

  constructor(private readonly rawWrite: (data: Buffer) => void) {}

  private write(d: Buffer): void {
    this.rawWrite(d);
  }

  onStream(cb: (s: SpdyStream) => void): void {
    this.streamCbs.push(cb);
  }
  onClose(cb: () => void): void {
    this.closeCbs.push(cb);
  }
  get isClosed(): boolean {
    return this.closed;
  }
  /** Streams still open in either direction. */
  get openStreams(): number {
    return this.streams.size;
  }

  receive(chunk: Buffer): void {
    if (this.closed) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    while (this.buf.length >= 8) {
      const len = this.buf.readUIntBE(5, 3);
      if (this.buf.length < 8 + len) return;
      const frame = this.buf.subarray(0, 8 + len);
      this.buf = this.buf.subarray(8 + len);
      this.chain = this.chain.then(() => this.handle(frame)).catch(() => this.fail());
    }
  }

  /** Says GOAWAY and ends the connection. */
  goAway(status = 0): void {
    if (this.closed) return;
    const p = Buffer.alloc(8);
    p.writeUInt32BE(this.lastStreamId & 0x7fffffff, 0);
    p.writeUInt32BE(status, 4);
    this.control(GOAWAY, 0, p);
    this.finish();
  }

  /** The transport went away. */
  transportClosed(): void {
    this.finish();
  }

  private fail(): void {
    this.goAway(1);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.inflater.close();
    for (const s of [...this.streams.values()]) s.receiveReset();
    this.streams.clear();
    for (const cb of this.closeCbs) cb();
  }

  private async handle(frame: Buffer): Promise<void> {
    if (this.closed) return;
    const flags = frame[4]!;
    const payload = frame.subarray(8);
    if ((frame[0]! & 0x80) === 0) {
      const id = frame.readUInt32BE(0) & 0x7fffffff;
      const s = this.streams.get(id);
      if (!s) {
        this.sendRst(id, 2); // INVALID_STREAM
        return;
      }
      s.receiveData(Buffer.from(payload), (flags & FLAG_FIN) !== 0);
      return;
    }
    const version = frame.readUInt16BE(0) & 0x7fff;
    const type = frame.readUInt16BE(2);
    if (version !== VERSION) {
      this.goAway(1);
      return;
    }
    switch (type) {
      case SYN_STREAM: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        const block = await this.inflater.block(payload.subarray(10));
        const s = new SpdyStream(this, id, decodeHeaderBlock(block));
        this.lastStreamId = Math.max(this.lastStreamId, id);
        this.streams.set(id, s);
        for (const cb of this.streamCbs) cb(s);
        if (flags & FLAG_FIN) s.receiveData(Buffer.alloc(0), true);
        return;
      }
      case HEADERS:
      case SYN_REPLY:
        // Keep the decompressor in step; the content is not used.
        await this.inflater.block(payload.subarray(4));
        return;
      case RST_STREAM: {
        const id = payload.readUInt32BE(0) & 0x7fffffff;
        this.streams.get(id)?.receiveReset();
        return;
      }
      case PING:
        // Echo the client's ping (odd ids are the client's).
        this.control(PING, 0, Buffer.from(payload.subarray(0, 4)));
        return;
      case GOAWAY:
        this.finish();
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown types: ignored.
        return;
    }
  }

  /** @internal */
  maybeForget(s: SpdyStream): void {
    if (s.localClosed && s.remoteClosed) this.streams.delete(s.id);
  }

  /** @internal */
  sendSynReply(id: number, headers: SpdyHeaders): void {
    const h = Buffer.alloc(4);
    h.writeUInt32BE(id & 0x7fffffff, 0);
    this.control(SYN_REPLY, 0, Buffer.concat([h, this.deflater.block(encodeHeaderBlock(headers))]));
  }

  /** @internal */
  sendRst(id: number, status: number): void {
    const p = Buffer.alloc(8);
    p.writeUInt32BE(id & 0x7fffffff, 0);
    p.writeUInt32BE(status, 4);
    this.control(RST_STREAM, 0, p);
  }

  /** @internal */
  sendData(id: number, data: Buffer, fin: boolean): void {
    if (this.closed) return;
    const h = Buffer.alloc(8);
    h.writeUInt32BE(id & 0x7fffffff, 0);
    h[4] = fin ? FLAG_FIN : 0;
    h.writeUIntBE(data.length, 5, 3);
    this.write(Buffer.concat([h, data]));
  }

  private control(type: number, flags: number, payload: Buffer): void {
    if (this.closed) return;
    const h = Buffer.alloc(8);
    h.writeUInt16BE(0x8000 | VERSION, 0);
    h.writeUInt16BE(type, 2);
    h[4] = flags;
    h.writeUIntBE(payload.length, 5, 3);
    this.write(Buffer.concat([h, payload]));
  }
}
