// DockerCoins' numbers as the real webui page computes them: it polls /json, keeps the samples
// and shows the speed between a sample and the one five polls earlier
// (`(s2.hashes - s1.hashes) / (s2.now - s1.now)`, printed as `~N.N hashes/second`).
// Leaves out: the graph of past speeds (only the latest number is shown).

/** One answer of webui's /json: `{"coins":N,"hashes":"N","now":SECONDS}`. */
export interface WebuiSample {
  coins: number;
  hashes: number;
  /** Server time in seconds (virtual time in the playground). */
  now: number;
}

/** How many polls apart the speed is measured (webui's index.html uses 5). */
export const SPEED_SPAN = 5;

/** Parses a /json body; undefined when it is not webui's JSON. */
export function parseWebuiJson(body: string): WebuiSample | undefined {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  // Redis GET answers a string (or null before the first worker update); HLEN a number.
  const hashes = o.hashes === null || o.hashes === undefined ? 0 : Number(o.hashes);
  const coins = o.coins === null || o.coins === undefined ? 0 : Number(o.coins);
  const now = Number(o.now);
  if (!Number.isFinite(hashes) || !Number.isFinite(coins) || typeof o.now !== 'number' || !Number.isFinite(now)) return undefined;
  return { coins, hashes, now };
}

/**
 * Adds a sample, keeping the last SPEED_SPAN + 1. A sample older than the newest (a restored
 * playground) or with fewer hashes (redis restarted empty) starts the series again.
 */
export function addSample(samples: readonly WebuiSample[], s: WebuiSample): WebuiSample[] {
  const last = samples[samples.length - 1];
  if (last && (s.now <= last.now || s.hashes < last.hashes)) return last.now === s.now && s.hashes === last.hashes ? [...samples] : [s];
  const out = [...samples, s];
  return out.length > SPEED_SPAN + 1 ? out.slice(out.length - SPEED_SPAN - 1) : out;
}

/**
 * Hashes per second between the newest sample and the one SPEED_SPAN polls before it (or the
 * oldest there is, while fewer were taken); undefined with fewer than two samples.
 */
export function hashRate(samples: readonly WebuiSample[]): number | undefined {
  if (samples.length < 2) return undefined;
  const s2 = samples[samples.length - 1]!;
  const s1 = samples[Math.max(0, samples.length - 1 - SPEED_SPAN)]!;
  const dt = s2.now - s1.now;
  if (!(dt > 0)) return undefined;
  return (s2.hashes - s1.hashes) / dt;
}

/** The fields of a Service the panel reads. */
export interface ServiceLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { clusterIP?: string; ports?: { port?: number }[] };
}

/**
 * The /json URL of the `webui` Service as node1 reaches it (ClusterIP and first port), the one
 * in `default` first; null when there is none (the panel is hidden then).
 */
export function webuiJsonUrl(services: Iterable<ServiceLike>): string | null {
  let found: ServiceLike | undefined;
  for (const s of services) {
    if (s.metadata?.name !== 'webui') continue;
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    if (!found || s.metadata.namespace === 'default') found = s;
    if (s.metadata.namespace === 'default') break;
  }
  const port = found?.spec?.ports?.[0]?.port;
  if (!found || port === undefined) return null;
  return port === 80 ? `http://${found.spec?.clusterIP}/json` : `http://${found.spec?.clusterIP}:${port}/json`;
}
