// Server-side printer for core/v1 Events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT
// SOURCE FIRST SEEN COUNT NAME. Falls back to eventTime / series for events from the new API.
// Models kubernetes/pkg/printers/internalversion/printers.go (printEvent, formatEventSource).
import type { Event } from '../../api/types';
import { translateTimestampSince } from '../../core/duration';
import { column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

function formatEventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

export const eventPrinter: TablePrinter<Event> = {
  columns: [
    column('Last Seen', 'string', doc.evLast),
    column('Type', 'string', doc.evType),
    column('Reason', 'string', doc.evReason),
    column('Object', 'string', doc.evInvolved),
    column('Subobject', 'string', doc.evFieldPath, 1),
    column('Source', 'string', doc.evSource, 1),
    column('Message', 'string', doc.evMessage),
    column('First Seen', 'string', doc.evFirst, 1),
    column('Count', 'string', doc.evCount, 1),
    { ...nameColumn, priority: 1 },
  ],
  row(ev, ctx) {
    const firstTimestamp = ev.firstTimestamp
      ? translateTimestampSince(ev.firstTimestamp, ctx.now)
      : translateTimestampSince(ev.eventTime, ctx.now);
    let lastTimestamp = ev.lastTimestamp ? translateTimestampSince(ev.lastTimestamp, ctx.now) : firstTimestamp;
    let count = ev.count ?? 0;
    if (ev.series) {
      lastTimestamp = translateTimestampSince(ev.series.lastObservedTime, ctx.now);
      count = ev.series.count ?? 0;
    } else if (count === 0) {
      // singleton events of the new API carry no count
      count = 1;
    }
    const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
    const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
    return [
      lastTimestamp,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      ev.involvedObject?.fieldPath ?? '',
      formatEventSource(ev),
      (ev.message ?? '').trim(),
      firstTimestamp,
      count,
      ev.metadata?.name ?? '',
    ];
  },
};
