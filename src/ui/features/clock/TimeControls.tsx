// Header controls for virtual time: the clock (UTC, as the cluster's timestamps), Pause, Play,
// Speed (0.5×–20×) and Step (+1 s). Each control is a request to the worker's pacer.
// Leaves out: "jump to next event" and custom step sizes.
import { useTranslation } from 'react-i18next';
import type { Speed } from '../../../worker/protocol';
import { useCluster, useEngine } from '../../engine';

const SPEEDS: readonly Speed[] = [0.5, 1, 2, 5, 10, 20];

export function formatClock(now: number): string {
  const iso = new Date(now).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function TimeControls() {
  const { t } = useTranslation();
  const { client, store } = useEngine();
  const clock = useCluster((s) => s.clock);
  const seconds = clock ? Math.floor(clock.now / 1000) : null;
  const playing = clock?.playing ?? false;
  const set = (p: { playing?: boolean; speed?: Speed }) => {
    void client.request('time.set', p).then((c) => store.getState().setClock(c));
  };
  return (
    <div className="time-controls">
      <span role="timer" aria-label={t('clock.label')} aria-live="off" className="clock" data-now={clock?.now ?? ''}>
        {seconds === null ? '—' : formatClock(seconds * 1000)}
      </span>
      <button type="button" disabled={!clock || !playing} aria-pressed={clock ? !playing : undefined} onClick={() => set({ playing: false })}>
        {t('controls.pause')}
      </button>
      <button type="button" disabled={!clock || playing} aria-pressed={clock ? playing : undefined} onClick={() => set({ playing: true })}>
        {t('controls.play')}
      </button>
      <label className="speed">
        <select aria-label={t('controls.speed')} value={String(clock?.speed ?? 1)} disabled={!clock} onChange={(e) => set({ speed: Number(e.target.value) as Speed })}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>{`${s}×`}</option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!clock} title={t('controls.stepTitle')} onClick={() => void client.request('time.step', { ms: 1000 })}>
        {t('controls.step')}
      </button>
    </div>
  );
}
