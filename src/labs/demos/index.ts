// The ready-made demos of instructor mode, in the order the player lists them. Adding a demo:
// a file exporting a Demo (types.ts) and one line here; src/node/demos-replay.test.ts replays it.
import type { Demo } from './types';
import { rollingUpdate } from './rolling-update';
import { rollback } from './rollback';
import { canary } from './canary';
import { selfHealing } from './self-healing';
import { nodeFailure } from './node-failure';
import { dockercoinsScaling } from './dockercoins-scaling';

export const DEMOS: readonly Demo[] = [rollingUpdate, rollback, canary, selfHealing, nodeFailure, dockercoinsScaling];

export type { Demo, DemoFault, DemoStep } from './types';
export { DEFAULT_PAUSE, demoCommand } from './types';
