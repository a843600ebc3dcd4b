// Server-side printer for CronJobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide
// CONTAINERS IMAGES SELECTOR. Models kubernetes/pkg/printers/internalversion/printers.go (printCronJob).
import type { CronJob } from 'kubernetes-types/batch/v1';
import { translateTimestampSince } from '../../core/duration';
import { ageColumn, ageOf, column, containersColumn, formatLabelSelector, imagesColumn, layoutContainerCells, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const cronJobPrinter: TablePrinter<CronJob> = {
  columns: [
    nameColumn,
    column('Schedule', 'string', doc.cjSchedule),
    column('Timezone', 'string', doc.cjTimeZone),
    column('Suspend', 'boolean', doc.cjSuspend),
    column('Active', 'integer', doc.cjActive),
    column('Last Schedule', 'string', doc.cjLast),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.jobSelector, 1),
  ],
  row(cj, ctx) {
    const last = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, ctx.now) : '<none>';
    const suspend = cj.spec?.suspend;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template?.spec?.containers);
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      suspend == null ? '<unset>' : suspend ? 'True' : 'False',
      cj.status?.active?.length ?? 0,
      last,
      ageOf(cj, ctx),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
