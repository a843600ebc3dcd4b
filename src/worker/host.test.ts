// EngineClient's flow control: each batch is acknowledged when the page's `ackWhen` says (the
// browser: once the frame that draws it has painted), and the acknowledgement names that batch.
import { describe, it, expect } from 'vitest';
import { EngineClient } from './host';
import type { ClientMessage, EngineTransport } from './host';

function fakeTransport() {
  const sent: ClientMessage[] = [];
  let deliver: (data: unknown) => void = () => {};
  const transport: EngineTransport = {
    send: (m) => sent.push(m),
    subscribe(cb) {
      deliver = cb;
      return () => {};
    },
    close: () => {},
  };
  return { transport, sent, deliver: (d: unknown) => deliver(d) };
}

const batch = (seq: number) => ({ v: 1, type: 'batch', seq, events: [], clock: { now: 0, playing: true, speed: 1 } });

describe('EngineClient acknowledgements', () => {
  it('acknowledges a batch when ackWhen runs the acknowledgement, not before', () => {
    const t = fakeTransport();
    const due: (() => void)[] = [];
    const client = new EngineClient(t.transport, (ack) => due.push(ack));
    const got: string[] = [];
    client.on((m) => got.push(m.type));
    t.deliver(batch(0));
    t.deliver(batch(1));
    expect(got).toEqual(['batch', 'batch']);
    expect(t.sent).toEqual([]);
    due[0]();
    expect(t.sent).toEqual([{ v: 1, type: 'batch.ack', seq: 0 }]);
    due[1]();
    expect(t.sent).toEqual([{ v: 1, type: 'batch.ack', seq: 0 }, { v: 1, type: 'batch.ack', seq: 1 }]);
  });

  it('acknowledges on arrival by default, and sends nothing once closed', () => {
    const t = fakeTransport();
    const due: (() => void)[] = [];
    const deferred = new EngineClient(t.transport, (ack) => due.push(ack));
    t.deliver(batch(3));
    deferred.close();
    due[0]();
    expect(t.sent).toEqual([]);
    const u = fakeTransport();
    new EngineClient(u.transport);
    u.deliver(batch(4));
    expect(u.sent).toEqual([{ v: 1, type: 'batch.ack', seq: 4 }]);
  });
});
