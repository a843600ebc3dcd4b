// Server-side printer for Jobs: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES
// SELECTOR. Models kubernetes/pkg/printers/internalversion/printers.go (printJob).
import type { Job } from 'kubernetes-types/batch/v1';
import { humanDuration, timestampMs } from '../../core/duration';
import { ageColumn, ageOf, column, containersColumn, formatLabelSelector, imagesColumn, layoutContainerCells, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

function hasJobCondition(job: Job, type: string): boolean {
  for (const c of job.status?.conditions ?? []) {
    if (c.type === type) return c.status === 'True';
  }
  return false;
}

export const jobPrinter: TablePrinter<Job> = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', doc.jobSucceeded),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.jobSelector, 1),
  ],
  row(job, ctx) {
    const succeeded = job.status?.succeeded ?? 0;
    let completions: string;
    if (job.spec?.completions != null) {
      completions = `${succeeded}/${job.spec.completions}`;
    } else {
      const parallelism = job.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = timestampMs(job.status?.startTime);
    const completion = timestampMs(job.status?.completionTime);
    let duration = '';
    if (start !== undefined) duration = humanDuration((completion ?? ctx.now) - start);
    let status: string;
    if (hasJobCondition(job, 'Complete')) status = 'Complete';
    else if (hasJobCondition(job, 'Failed')) status = 'Failed';
    else if (job.metadata?.deletionTimestamp != null) status = 'Terminating';
    else if (hasJobCondition(job, 'Suspended')) status = 'Suspended';
    else if (hasJobCondition(job, 'FailureTarget')) status = 'FailureTarget';
    else status = 'Running';
    const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata?.name ?? '',
      status,
      completions,
      duration,
      ageOf(job, ctx),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};
