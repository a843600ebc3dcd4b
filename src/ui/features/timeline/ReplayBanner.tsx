// The graph panel's notice while it shows the past: "Replay 12:03:07 — live at 12:05:10"
// (virtual times, UTC as the clock), so nobody mistakes a replay for the live cluster.
import { useTranslation } from 'react-i18next';
import { useCluster } from '../../engine';
import { timeOfDay } from './timeline';
import { registerTimelineStrings } from './strings';

registerTimelineStrings();

export function ReplayBanner({ time }: { time: number }) {
  const { t } = useTranslation();
  const live = useCluster((s) => (s.clock ? Math.floor(s.clock.now / 1000) * 1000 : time));
  return <span className="replay-banner">{t('timeline.banner', { time: timeOfDay(time), live: timeOfDay(live) })}</span>;
}
