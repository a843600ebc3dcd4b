// SPDY/3.1 server framing: header blocks compressed as a Go client compresses them (zlib with
// the SPDY/3 dictionary, sync-flushed, one stream per connection) are read; what this side
// sends is readable by a zlib inflater; DATA/FIN, PING, RST_STREAM and GOAWAY.
import { createDeflate, createInflate, constants as zc } from 'node:zlib';
import type { Deflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHeaderBlock, encodeHeaderBlock, SPDY_DICTIONARY, SpdyServerConnection, StoredZlibWriter } from './spdy';
import type { SpdyStream } from './spdy';

function deflateBlock(d: Deflate, data: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const on = (b: Buffer) => out.push(b);
    d.on('data', on);
    d.write(data);
    d.flush(zc.Z_SYNC_FLUSH, () => {
      d.off('data', on);
      resolve(Buffer.concat(out));
    });
  });
}

function control(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8003, 0);
  h.writeUInt16BE(type, 2);
  h[4] = flags;
  h.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([h, payload]);
}

function synStream(id: number, block: Buffer): Buffer {
  const p = Buffer.alloc(10);
  p.writeUInt32BE(id, 0);
  return control(1, 0, Buffer.concat([p, block]));
}

function data(id: number, payload: Buffer, fin: boolean): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id, 0);
  h[4] = fin ? 1 : 0;
  h.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([h, payload]);
}

/** Splits a byte stream into frames. */
function frames(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let b = bytes;
  while (b.length >= 8) {
    const len = b.readUIntBE(5, 3);
    out.push(b.subarray(0, 8 + len));
    b = b.subarray(8 + len);
  }
  return out;
}

/** Waits (up to 2 s) until `cond` holds: inflating a header block is asynchronous. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
}

/** zlib's Adler-32 (RFC 1950), the dictionary id. */
function adler32(b: Buffer): number {
  let a = 1;
  let c = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    c = (c + a) % 65521;
  }
  return ((c << 16) | a) >>> 0;
}

describe('SPDY/3 header compression', () => {
  it('has the 1423-byte dictionary of the draft (its zlib id)', () => {
    expect(SPDY_DICTIONARY.length).toBe(1423);
    expect(SPDY_DICTIONARY.subarray(0, 11).toString('latin1')).toBe('\0\0\0\x07options');
    expect(SPDY_DICTIONARY.subarray(-6).toString('latin1')).toBe('enq=0.');
    // The dictionary id a Go client writes in its zlib header (FDICT).
    expect(adler32(SPDY_DICTIONARY).toString(16)).toBe('e3c6a7c2');
  });

  it('round-trips a name/value block', () => {
    const h = { streamtype: ['data'], port: ['80'], requestid: ['0'], multi: ['a', 'b'] };
    expect(decodeHeaderBlock(encodeHeaderBlock(h))).toEqual(h);
  });

  it('writes stored blocks an inflater reads one at a time', async () => {
    const w = new StoredZlibWriter();
    const inflate = createInflate();
    const got: string[] = [];
    for (const text of ['first', '', 'third']) {
      const out: Buffer[] = [];
      const on = (b: Buffer) => out.push(b);
      inflate.on('data', on);
      inflate.write(w.block(Buffer.from(text)));
      await new Promise<void>((r) => inflate.flush(zc.Z_SYNC_FLUSH, () => r()));
      inflate.off('data', on);
      got.push(Buffer.concat(out).toString());
    }
    expect(got).toEqual(['first', '', 'third']);
  });
});

describe('SpdyServerConnection', () => {
  it('opens streams from compressed SYN_STREAMs, replies, carries DATA and FIN', async () => {
    const sent: Buffer[] = [];
    const conn = new SpdyServerConnection((b) => sent.push(b));
    const streams: SpdyStream[] = [];
    const received: string[] = [];
    conn.onStream((s) => {
      streams.push(s);
      s.reply();
      s.onData((d) => received.push(`${s.id}:${d.toString()}`));
      s.onEnd(() => received.push(`${s.id}:FIN`));
    });
    const deflate = createDeflate({ dictionary: SPDY_DICTIONARY, level: 9 });
    const b1 = await deflateBlock(deflate, encodeHeaderBlock({ streamtype: ['error'], port: ['80'], requestid: ['0'] }));
    const b2 = await deflateBlock(deflate, encodeHeaderBlock({ streamtype: ['data'], port: ['80'], requestid: ['0'] }));
    // One chunk holding several frames, then a frame split across two chunks.
    conn.receive(Buffer.concat([synStream(1, b1), data(1, Buffer.alloc(0), true), synStream(3, b2)]));
    const d = data(3, Buffer.from('GET / HTTP/1.1\r\n\r\n'), false);
    conn.receive(d.subarray(0, 5));
    conn.receive(d.subarray(5));
    await until(() => received.length === 2);
    expect(streams.map((s) => [s.id, s.header('streamType'), s.header('port'), s.header('requestID')])).toEqual([
      [1, 'error', '80', '0'],
      [3, 'data', '80', '0'],
    ]);
    expect(received).toEqual(['1:FIN', '3:GET / HTTP/1.1\r\n\r\n']);
    streams[1]!.write(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'));
    streams[1]!.end();
    const out = frames(Buffer.concat(sent));
    // SYN_REPLY 1, SYN_REPLY 3, DATA 3, DATA 3 FIN.
    expect(out.map((f) => f.subarray(0, 5).toString('hex'))).toEqual(['8003000200', '8003000200', '0000000300', '0000000301']);
    expect(out[2]!.subarray(8).toString()).toBe('HTTP/1.1 200 OK\r\n\r\n');
    expect(out[3]!.length).toBe(8);
    // The reply header blocks are one zlib stream, each an empty name/value block.
    const inflate = createInflate({ dictionary: SPDY_DICTIONARY });
    const blocks: Buffer[] = [];
    for (const f of out.slice(0, 2)) {
      const got: Buffer[] = [];
      const on = (b: Buffer) => got.push(b);
      inflate.on('data', on);
      inflate.write(f.subarray(12));
      await new Promise<void>((r) => inflate.flush(zc.Z_SYNC_FLUSH, () => r()));
      inflate.off('data', on);
      blocks.push(Buffer.concat(got));
    }
    expect(blocks.map((b) => b.toString('hex'))).toEqual(['00000000', '00000000']);
    // A stream is forgotten once both halves are closed.
    expect(conn.openStreams).toBe(2);
    streams[0]!.end();
    conn.receive(data(3, Buffer.alloc(0), true));
    await until(() => received.length === 3);
    expect(received[2]).toBe('3:FIN');
    expect(conn.openStreams).toBe(0);
  });

  it('echoes PING, resets on RST_STREAM, ends on GOAWAY', async () => {
    const sent: Buffer[] = [];
    const conn = new SpdyServerConnection((b) => sent.push(b));
    let resets = 0;
    let closed = false;
    conn.onStream((s) => s.onReset(() => resets++));
    conn.onClose(() => (closed = true));
    const deflate = createDeflate({ dictionary: SPDY_DICTIONARY });
    const ping = Buffer.alloc(4);
    ping.writeUInt32BE(7, 0);
    const rst = Buffer.alloc(8);
    rst.writeUInt32BE(1, 0);
    rst.writeUInt32BE(5, 4);
    conn.receive(Buffer.concat([control(6, 0, ping), synStream(1, await deflateBlock(deflate, encodeHeaderBlock({ streamtype: ['data'] }))), control(3, 0, rst)]));
    await until(() => resets === 1);
    expect(Buffer.concat(sent).toString('hex')).toBe('800300060000000400000007');
    expect(resets).toBe(1);
    expect(closed).toBe(false);
    conn.receive(control(7, 0, Buffer.alloc(8)));
    await until(() => closed);
    expect(closed).toBe(true);
  });
});
