// The Events panel: the cluster's Events, newest last, with kubectl's `get events` columns
// (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; NAMESPACE first as with -A). Ages use virtual time.
// Leaves out: filtering by object and event series details.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KObject } from '../../../engine';
import { useCluster } from '../../engine';
import { ageSince } from '../../lib/age';

const MAX_ROWS = 200;

interface EventRow {
  uid: string;
  namespace: string;
  last: string | undefined;
  type: string;
  reason: string;
  object: string;
  message: string;
}

/** Last time the event was seen, as kubectl picks it. Models kubectl's events printer. */
function lastSeen(e: KObject): string | undefined {
  const ev = e as { lastTimestamp?: string; eventTime?: string; series?: { lastObservedTime?: string }; metadata?: { creationTimestamp?: string } };
  return ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp;
}

export function toRows(events: Iterable<KObject>): EventRow[] {
  const rows: EventRow[] = [];
  for (const e of events) {
    const ev = e as { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
    rows.push({
      uid: e.metadata?.uid as string,
      namespace: e.metadata?.namespace ?? '',
      last: lastSeen(e),
      type: ev.type ?? '',
      reason: ev.reason ?? '',
      object: `${(ev.involvedObject?.kind ?? '').toLowerCase()}/${ev.involvedObject?.name ?? ''}`,
      message: (ev.message ?? '').trim(),
    });
  }
  rows.sort((a, b) => (Date.parse(a.last ?? '') || 0) - (Date.parse(b.last ?? '') || 0));
  return rows.slice(-MAX_ROWS);
}

export function EventsPanel() {
  const { t } = useTranslation();
  const events = useCluster((s) => s.objects.events);
  // Re-render once per virtual second, not every frame.
  const second = useCluster((s) => (s.clock ? Math.floor(s.clock.now / 1000) : 0));
  const rows = useMemo(() => toRows(events.values()), [events]);
  const now = second * 1000;
  return (
    <section className="panel events" aria-label={t('panels.events')}>
      <h2>{t('panels.events')}</h2>
      <div className="events-scroll">
        {rows.length === 0 ? (
          <p className="empty">{t('events.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>NAMESPACE</th><th>LAST SEEN</th><th>TYPE</th><th>REASON</th><th>OBJECT</th><th>MESSAGE</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.uid} data-kind="Event" data-type={r.type} data-reason={r.reason} className={r.type === 'Warning' ? 'warning' : undefined}>
                  <td>{r.namespace}</td><td>{ageSince(r.last, now)}</td><td>{r.type}</td><td>{r.reason}</td><td>{r.object}</td><td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
