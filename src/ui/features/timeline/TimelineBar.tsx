// The cluster timeline under the graph: a scrubbable slider over the recorded history (virtual
// time; arrows move 1 s, Page Up/Down 10 s), ticks for the Kubernetes Events (Warnings in the
// error colour), the Events just before the cursor (each one a button that goes to it), Replay /
// Pause replay at 0.25×–2× (slow motion) and Live. Collapsible (remembered); always open in
// presenter view. Leaves out: zooming into a part of the range.
import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useCluster, useEngine } from '../../engine';
import { REPLAY_RATES, markerText, ticksOf, timeOfDay } from './timeline';
import type { ReplayRate } from './timeline';
import { registerTimelineStrings } from './strings';

registerTimelineStrings();

const OPEN_KEY = 'timonel.timeline.open';
const TICKS = 160;
const NEAR = 6;

function remembered(): boolean {
  try {
    return window.localStorage.getItem(OPEN_KEY) === 'on';
  } catch {
    return false;
  }
}

export function TimelineBar({ forceOpen = false }: { forceOpen?: boolean }) {
  const { t } = useTranslation();
  const { timeline } = useEngine();
  const rec = timeline.recorder;
  const [openPref, setOpenPref] = useState(remembered);
  const open = forceOpen || openPref;
  // Live time, once per virtual second: the range grows and the ticks are recomputed that often
  // (the recorder is mutable: its generation, start and marker count say when it changed).
  const liveSec = useCluster((s) => (s.clock ? Math.floor(s.clock.now / 1000) : 0));
  const connected = useCluster((s) => s.connected);
  const replay = useStore(timeline.store, (s) => s.replay);
  const playing = useStore(timeline.store, (s) => s.playing);
  const rate = useStore(timeline.store, (s) => s.rate);

  const liveNow = Math.max(liveSec * 1000, rec.end);
  const start = rec.start;
  const max = Math.max(liveNow, start + 1000);
  const cursor = replay ? replay.time : max;
  const generation = rec.generation;
  const markerCount = rec.markerCount;

  const ticks = useMemo(() => (open ? ticksOf(rec.markers(start, max), start, max, TICKS) : []), [open, rec, generation, start, max, markerCount]);
  const near = open ? rec.markersBefore(cursor, NEAR) : [];

  // A playing replay moves once per animation frame by the wall time since the last one.
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let id = requestAnimationFrame(function frame(now) {
      const dt = now - last;
      last = now;
      if (timeline.tick(dt)) id = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(id);
  }, [playing, timeline]);

  const toggle = () => {
    const next = !openPref;
    setOpenPref(next);
    try {
      window.localStorage.setItem(OPEN_KEY, next ? 'on' : 'off');
    } catch {
      // storage denied: the choice lasts for this page only
    }
  };

  const seek = (ms: number) => {
    if (ms >= max) timeline.live();
    else timeline.seek(ms);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const by = { ArrowLeft: -1000, ArrowDown: -1000, ArrowRight: 1000, ArrowUp: 1000, PageDown: -10_000, PageUp: 10_000 }[e.key];
    if (by === undefined) return;
    e.preventDefault();
    timeline.pause();
    seek(Math.max(start, Math.min(max, cursor + by)));
  };

  return (
    <section className={`panel timeline ${open ? 'open' : 'closed'}`} aria-label={t('timeline.region')} data-start={start} data-end={max}>
      <div className="panel-head timeline-head">
        {forceOpen ? <h2>{t('timeline.toggle')}</h2> : (
          <button type="button" className="timeline-toggle" aria-expanded={open} onClick={toggle}>{t('timeline.toggle')}</button>
        )}
        {open && (
          <div className="timeline-controls">
            {playing ? (
              <button type="button" onClick={() => timeline.pause()}>{t('timeline.pause')}</button>
            ) : (
              <button type="button" disabled={!connected} onClick={() => timeline.play()}>{t('timeline.replay')}</button>
            )}
            <select aria-label={t('timeline.rate')} value={rate} onChange={(e) => timeline.setRate(Number(e.target.value) as ReplayRate)}>
              {REPLAY_RATES.map((r) => (
                <option key={r} value={r}>{`${r}×`}</option>
              ))}
            </select>
            <button type="button" aria-pressed={replay === null} onClick={() => timeline.live()}>{t('timeline.live')}</button>
            <span className="timeline-time">{replay ? timeOfDay(replay.time) : t('timeline.liveNow', { time: timeOfDay(liveNow) })}</span>
          </div>
        )}
      </div>
      {open && (
        <div className="timeline-body">
          <div className="timeline-track">
            <input
              type="range"
              aria-label={t('timeline.slider')}
              aria-valuetext={timeOfDay(cursor)}
              min={start}
              max={max}
              step={100}
              value={cursor}
              disabled={!connected}
              onKeyDown={onKey}
              onChange={(e) => {
                timeline.pause();
                seek(Number(e.target.value));
              }}
            />
            <div className="timeline-ticks" aria-hidden="true">
              {ticks.map((k) => (
                <span key={k.at} className={k.warning ? 'tick warning' : 'tick'} style={{ left: `${(k.at * 100).toFixed(2)}%` }} />
              ))}
            </div>
          </div>
          {near.length === 0 ? (
            <p className="timeline-empty">{t('timeline.noEvents')}</p>
          ) : (
            <ol className="timeline-near" aria-label={t('timeline.near')}>
              {near.map((m) => {
                const x = markerText(m);
                const time = timeOfDay(m.t);
                return (
                  <li key={`${m.frame}/${m.event.metadata?.uid ?? ''}/${m.event.metadata?.resourceVersion ?? ''}`} className={x.type === 'Warning' ? 'warning' : undefined} data-reason={x.reason} data-type={x.type}>
                    <button type="button" aria-label={t('timeline.seek', { time, reason: x.reason, object: x.object })} onClick={() => { timeline.pause(); timeline.seek(m.t); }}>
                      {time}
                    </button>
                    <span className="reason">{x.reason}</span>
                    <span className="object">{x.object}</span>
                    <span className="message">{x.message}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
