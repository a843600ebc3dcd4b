// What every controller gets: the API (its only way to act), shared informers (its only way
// to read), the clock, its own RNG stream and an event recorder.
import type { VirtualClock } from '../core/clock';
import type { Rng } from '../core/rng';
import type { ApiServer } from '../apiserver/apiserver';
import type { InformerFactory } from '../client/informer';
import type { EventRecorder } from '../client/recorder';

export interface ControllerContext {
  api: ApiServer;
  informers: InformerFactory;
  clock: VirtualClock;
  rng: Rng;
  recorder: EventRecorder;
}

export interface Controller {
  readonly name: string;
  start(): void;
}
