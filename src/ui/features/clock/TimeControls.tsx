// Header controls for virtual time: the clock (UTC, as the cluster's timestamps), Pause, Play,
// Speed (0.5×–20×) and Step (+1 s). Each control is a request to the worker's pacer. Keyboard:
// Alt+Shift+P pauses/plays, Alt+Shift+. steps, Alt+Shift++/- change the speed (anywhere on the
// page, the terminal included: lib/keyboard.ts); the focus moves from Pause to Play and back
// when the pressed one is disabled, and a status line says what a shortcut did.
// Leaves out: "jump to next event" and custom step sizes.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPEEDS } from '../../../worker/protocol';
import type { ClockState, Speed } from '../../../worker/protocol';
import { useCluster, useEngine } from '../../engine';
import { TIME_KEYS, nextSpeed, timeShortcut } from '../../lib/keyboard';
import type { TimeAction } from '../../lib/keyboard';

export function formatClock(now: number): string {
  const iso = new Date(now).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * The virtual clock. The clock moves with every batch from the engine (every frame while pods
 * change), so it is written outside React by a store subscription: `data-now` always, the text
 * when the second changes. Re-rendering the time controls on each batch cost more than the rest
 * of the header.
 */
function Clock() {
  const { t } = useTranslation();
  const { store } = useEngine();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let shown: number | null | undefined;
    const write = (c: ClockState | null) => {
      el.setAttribute('data-now', c ? String(c.now) : '');
      const second = c ? Math.floor(c.now / 1000) : null;
      if (second === shown) return;
      shown = second;
      el.textContent = second === null ? '—' : formatClock(second * 1000);
    };
    write(store.getState().clock);
    return store.subscribe((st, prev) => {
      if (st.clock !== prev.clock) write(st.clock);
    });
  }, [store]);
  return <span ref={ref} role="timer" aria-label={t('clock.label')} aria-live="off" className="clock" data-now="" />;
}

export function TimeControls() {
  const { t } = useTranslation();
  const { client, store } = useEngine();
  // Only what the buttons show: a moving clock does not re-render them.
  const hasClock = useCluster((s) => s.clock !== null);
  const playing = useCluster((s) => s.clock?.playing ?? false);
  const speed = useCluster((s) => s.clock?.speed ?? 1);
  const clock = hasClock ? { playing, speed } : null;
  const pauseRef = useRef<HTMLButtonElement>(null);
  const playRef = useRef<HTMLButtonElement>(null);
  /** The button to focus once the pressed one turns disabled. */
  const handOff = useRef<HTMLButtonElement | null>(null);
  const [said, setSaid] = useState('');

  const set = (p: { playing?: boolean; speed?: Speed }) =>
    client.request('time.set', p).then((c) => {
      store.getState().setClock(c);
      return c;
    });
  const step = () => client.request('time.step', { ms: 1000 });

  useEffect(() => {
    const target = handOff.current;
    if (!target || target.disabled) return;
    handOff.current = null;
    target.focus();
  }, [playing]);

  const pause = () => {
    if (document.activeElement === pauseRef.current) handOff.current = playRef.current;
    void set({ playing: false });
  };
  const play = () => {
    if (document.activeElement === playRef.current) handOff.current = pauseRef.current;
    void set({ playing: true });
  };

  // Time shortcuts, in the capture phase so the terminal never sees them.
  const latest = useRef<(a: TimeAction) => void>(() => undefined);
  latest.current = (a: TimeAction) => {
    const c = store.getState().clock;
    if (!c) return;
    const announce = (p: Promise<{ playing: boolean; speed: Speed }>) =>
      p.then((n) => setSaid(n.playing ? t('controls.playingAt', { speed: n.speed }) : t('controls.paused')), () => undefined);
    if (a === 'toggle') void announce(set({ playing: !c.playing }));
    else if (a === 'step') void step().then(() => setSaid(t('controls.stepped')), () => undefined);
    else void announce(set({ speed: nextSpeed(SPEEDS, c.speed, a === 'faster' ? 1 : -1) }));
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = timeShortcut(e);
      if (!a || e.repeat) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current(a);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div className="time-controls" role="group" aria-label={t('controls.time')}>
      <Clock />
      <button type="button" ref={pauseRef} disabled={!clock || !playing} aria-pressed={clock ? !playing : undefined} aria-keyshortcuts={TIME_KEYS.toggle} onClick={pause}>
        {t('controls.pause')}
      </button>
      <button type="button" ref={playRef} disabled={!clock || playing} aria-pressed={clock ? playing : undefined} aria-keyshortcuts={TIME_KEYS.toggle} onClick={play}>
        {t('controls.play')}
      </button>
      <label className="speed">
        <select aria-label={t('controls.speed')} aria-keyshortcuts={`${TIME_KEYS.faster} ${TIME_KEYS.slower}`} value={String(clock?.speed ?? 1)} disabled={!clock} onChange={(e) => void set({ speed: Number(e.target.value) as Speed })}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>{`${s}×`}</option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!clock} title={t('controls.stepTitle')} aria-keyshortcuts={TIME_KEYS.step} onClick={() => void step()}>
        {t('controls.step')}
      </button>
      <span className="visually-hidden" role="status" data-said={said}>{said}</span>
    </div>
  );
}
