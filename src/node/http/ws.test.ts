// The WebSocket server and client of ws.ts against each other: handshake (accept key from
// RFC 6455's example, subprotocol choice), text/binary, fragmented and 64-bit-length frames,
// ping, and the close handshake.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptKey, acceptWebSocket, connectWebSocket } from './ws';
import type { WsConnection, WsMessage } from './ws';
import { listen } from './server';

let server: Server | undefined;
const open: WsConnection[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((r) => server?.close(() => r()));
  server = undefined;
});

/** An echo server: every message comes back as it arrived; `conns` are its server sides. */
async function echoServer(protocols: string[] = []): Promise<{ url: string; conns: WsConnection[] }> {
  const conns: WsConnection[] = [];
  server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => {
    const c = acceptWebSocket(req, socket, head, protocols);
    if (!c) return;
    conns.push(c);
    open.push(c);
    c.onMessage((m) => (m.binary ? c.sendBinary(m.data) : c.sendText(m.data.toString('utf8'))));
  });
  const port = await listen(server, 0);
  return { url: `ws://127.0.0.1:${port}/x`, conns };
}

function nextMessage(c: WsConnection): Promise<WsMessage> {
  return new Promise((r) => c.onMessage(r));
}

describe('websocket', () => {
  it('computes the accept key of RFC 6455 section 1.3', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('echoes text and binary messages, small and over 64 KiB, and picks the first offered protocol it speaks', async () => {
    const { url } = await echoServer(['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    const c = await connectWebSocket(url, ['v4.channel.k8s.io', 'v5.channel.k8s.io']);
    expect(c.protocol).toBe('v5.channel.k8s.io');
    let got = nextMessage(c);
    c.sendText('héllo');
    expect(await got).toEqual({ data: Buffer.from('héllo'), binary: false });
    const big = Buffer.alloc(70_000, 7);
    big[69_999] = 1;
    got = nextMessage(c);
    c.sendBinary(big);
    expect(await got).toEqual({ data: big, binary: true });
    const mid = Buffer.alloc(300, 3);
    got = nextMessage(c);
    c.sendBinary(mid);
    expect(await got).toEqual({ data: mid, binary: true });
    c.close();
  });

  it('reassembles a fragmented message and answers a ping with a pong (raw frames)', async () => {
    const { url } = await echoServer();
    const port = Number(new URL(url).port);
    const sock = connect(port, '127.0.0.1');
    let raw = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => (raw = Buffer.concat([raw, d])));
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    sock.write(`GET /x HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const mask = [1, 2, 3, 4];
    const frame = (first: number, payload: string) => {
      const p = Buffer.from(payload);
      return Buffer.concat([Buffer.from([first, 0x80 | p.length, ...mask]), Buffer.from(p.map((b, i) => b ^ mask[i & 3]))]);
    };
    await new Promise((r) => setTimeout(r, 50));
    const handshake = raw.toString('latin1');
    expect(handshake).toBe('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n');
    raw = Buffer.alloc(0);
    // "Hel" (text, not final), ping "p", "lo" (continuation, final)
    sock.write(Buffer.concat([frame(0x01, 'Hel'), frame(0x89, 'p'), frame(0x80, 'lo')]));
    await new Promise((r) => setTimeout(r, 50));
    expect([...raw]).toEqual([0x8a, 1, ...Buffer.from('p'), 0x81, 5, ...Buffer.from('Hello')]);
    sock.destroy();
  });

  it('closes with a handshake: the peer sees the code and reason', async () => {
    const { url, conns } = await echoServer();
    const c = await connectWebSocket(url);
    await new Promise((r) => setTimeout(r, 10));
    const seen = new Promise<[number, string]>((r) => c.onClose((code, reason) => r([code, reason])));
    conns[0].close(4000, 'another page attached to this engine');
    expect(await seen).toEqual([4000, 'another page attached to this engine']);
    expect(c.isOpen).toBe(false);
  });

  it('refuses an upgrade whose protocols it does not speak', async () => {
    const { url } = await echoServer(['v5.channel.k8s.io']);
    await expect(connectWebSocket(url, ['chat'])).rejects.toThrow('websocket: HTTP 400: ');
  });
});
