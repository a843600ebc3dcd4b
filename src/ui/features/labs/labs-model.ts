// The labs panel's view of the worker's progress, as pure functions (tested without a browser):
// each lab's status and count of passed steps, and each step's status in the active lab.
// Leaves out: anything the worker does not report (the checks run there).
import type { Lab } from '../../../labs';
import type { LabProgress, LabsState } from '../../../worker/protocol';

export type StepStatus = 'passed' | 'current' | 'locked';
export type LabStatus = 'active' | 'completed' | 'started' | 'new';

export const NO_PROGRESS: LabProgress = { completed: [], hints: {}, solutions: [] };

export function progressOf(state: LabsState, lab: string): LabProgress {
  return state.progress[lab] ?? NO_PROGRESS;
}

/** Steps passed that still exist in the lab (a lab edited since keeps what matches). */
export function passedCount(lab: Lab, p: LabProgress): number {
  const done = new Set(p.completed);
  return lab.steps.filter((s) => done.has(s.id)).length;
}

export function labStatus(state: LabsState, lab: Lab): LabStatus {
  const p = progressOf(state, lab.id);
  if (state.active === lab.id) return 'active';
  const n = passedCount(lab, p);
  if (n === lab.steps.length) return 'completed';
  return n > 0 ? 'started' : 'new';
}

/** Each step's status: passed ones, then the first not passed (current), then locked ones. */
export function stepStatuses(lab: Lab, p: LabProgress): StepStatus[] {
  const done = new Set(p.completed);
  let current = false;
  return lab.steps.map((s) => {
    if (done.has(s.id)) return 'passed';
    if (!current) {
      current = true;
      return 'current';
    }
    return 'locked';
  });
}
