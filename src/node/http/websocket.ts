// Upgrade requests nobody else took (attach and port-forward: WebSocket `v5.channel.k8s.io` or
// the SPDY/3.1 fallback kubectl tries next): answered with a Status that says so, so the real
// kubectl prints a clear error instead of `unexpected EOF`. exec is bridged in exec-bridge.ts
// and the UI's engine socket in engine-socket.ts (both via the server's onUpgrade).
// Missing for attach: the engine's main-process streams of a running container; for
// port-forward, kubectl 1.31+ tunnels SPDY/3.1 frames inside the WebSocket
// (`SPDY/3.1+portforward.k8s.io`), so a SPDY framer is needed on top of
// cluster.network.addPortForward/the PortForwardSession of pod-streams.ts.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Handlers for streaming subresources; none are implemented yet. */
export interface StreamHandlers {
  exec?: never;
}

function statusResponse(code: number, reason: string, message: string): string {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  const text = code === 501 ? 'Not Implemented' : code === 404 ? 'Not Found' : 'Bad Request';
  return `HTTP/1.1 ${code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** The server's 'upgrade' listener. */
export function upgradeHandler(_streams: StreamHandlers | undefined, onActivity: () => void) {
  return (req: IncomingMessage, socket: Duplex): void => {
    const path = (req.url ?? '').split('?')[0];
    const sub = /\/pods\/[^/]+\/(exec|attach|portforward)$/.exec(path)?.[1];
    const answer = sub
      ? statusResponse(501, 'NotImplemented', `${sub === 'portforward' ? 'port-forward' : sub} is not supported by the simulated cluster yet (npm run serve)`)
      : statusResponse(400, 'BadRequest', 'the server does not support upgrading this request');
    socket.end(answer);
    onActivity();
  };
}
