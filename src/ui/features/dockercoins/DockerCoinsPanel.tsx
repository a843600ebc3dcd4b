// DockerCoins in the header: while a `webui` Service exists, polls its /json endpoint from node1
// (a `net.httpGet` request to the worker) every 2 s of wall time and shows the hashing speed as
// the real webui page computes it, and the coins mined. Hidden when there is no webui Service.
// Leaves out: the speed graph of the real page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCluster, useEngine } from '../../engine';
import { addSample, hashRate, parseWebuiJson, webuiJsonUrl } from './rate';
import type { ServiceLike, WebuiSample } from './rate';
import './dockercoins.css';
import { registerDockerCoinsStrings } from './strings';

registerDockerCoinsStrings();

export const POLL_MS = 2000;

export function DockerCoinsPanel() {
  const { t, i18n } = useTranslation();
  const { client } = useEngine();
  const url = useCluster((s) => webuiJsonUrl(s.objects.services.values() as Iterable<ServiceLike>));
  const [samples, setSamples] = useState<WebuiSample[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setSamples([]);
    setError(null);
    if (!url) return;
    let stopped = false;
    let inFlight = false;
    const poll = () => {
      // One request at a time: while time is paused the answer waits for the clock.
      if (inFlight || stopped) return;
      inFlight = true;
      client.request('net.httpGet', { url }).then(
        (r) => {
          inFlight = false;
          if (stopped) return;
          const sample = r.ok && r.status === 200 ? parseWebuiJson(r.body) : undefined;
          if (sample) {
            setError(null);
            setSamples((prev) => addSample(prev, sample));
          } else setError(r.ok ? `HTTP ${r.status}` : r.error);
        },
        (e: unknown) => {
          inFlight = false;
          if (!stopped) setError(e instanceof Error ? e.message : String(e));
        },
      );
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, url]);

  if (!url) return null;
  const rate = hashRate(samples);
  const last = samples[samples.length - 1];
  const fmt = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <section className="dockercoins" aria-label={t('dockercoins.region')}>
      <strong>{t('dockercoins.region')}</strong>{' '}
      <span className="speed" data-rate={rate === undefined ? '' : rate.toFixed(3)}>
        {rate === undefined ? t('dockercoins.waiting') : t('dockercoins.speed', { speed: fmt.format(rate) })}
      </span>
      {last && <span className="coins" data-coins={last.coins}>{' · '}{t('dockercoins.coins', { coins: last.coins })}</span>}
      {error && <span className="error" role="status">{' · '}{t('dockercoins.unreachable', { error })}</span>}
    </section>
  );
}
