// The everyday mutating kubectl commands registered as one block in index.ts (expose, set,
// label, annotate, patch, replace, edit, diff, autoscale, cordon/uncordon/drain, taint, top, auth).
// Each lives in its own file; this list only keeps index.ts edits to one line.
import type { SubCommand } from './command';
import { exposeCommand } from './expose';

export const MUTATING_COMMANDS: SubCommand[] = [exposeCommand];
