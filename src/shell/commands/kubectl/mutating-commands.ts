// The everyday mutating kubectl commands registered as one block in index.ts (expose, set,
// label, annotate, patch, replace, edit, autoscale, cordon/uncordon/drain, taint, top, auth).
// Each lives in its own file; this list only keeps index.ts edits to one line.
import type { SubCommand } from './command';
import { exposeCommand } from './expose';
import { setCommand } from './set';
import { annotateCommand, labelCommand } from './label';
import { patchCommand } from './patch';
import { replaceCommand } from './replace';
import { editCommand } from './edit';
import { autoscaleCommand } from './autoscale';
import { cordonCommand, drainCommand, uncordonCommand } from './drain';
import { taintCommand } from './taint';
import { topCommand } from './top';
import { authCommand } from './auth';
import { diffCommand } from './diff';

export const MUTATING_COMMANDS: SubCommand[] = [
  exposeCommand,
  setCommand,
  autoscaleCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  authCommand,
  diffCommand,
  patchCommand,
  replaceCommand,
  labelCommand,
  annotateCommand,
  editCommand,
];
