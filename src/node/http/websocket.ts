// stub
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
export interface StreamHandlers { x?: number }
export function upgradeHandler(_s: StreamHandlers | undefined, _a: () => void) {
  return (_req: IncomingMessage, socket: Duplex) => { socket.destroy(); };
}
