// Opening a shared link on page load: `#scenario=<data>` is read and removed from the URL at once
// (history.replaceState, so the reload after the import cannot open it again), decoded with the
// import limit as a cap on decompressed bytes, checked to be a playground file, confirmed by the
// user, then imported (the worker validates it whole); the page reloads onto it. Any failure is
// reported in the user's language through share-notice.ts and leaves the playground untouched.
// Leaves out: a preview of the scenario before confirming.
import i18next from 'i18next';
import { MAX_IMPORT } from '../../../worker/protocol';
import { ScenarioLinkError, decodeScenario, scenarioFromHash } from './scenario-link';
import { shareNotice } from './share-notice';
import type { ShareNotice } from './share-notice';
import { registerShareStrings } from './strings';

export interface OpenSharedDeps {
  /** location.hash at load. */
  hash: string;
  /** Removes the hash from the address bar without reloading. */
  clearHash(): void;
  confirm(message: string): boolean;
  /** playground.import. */
  importJson(json: string): Promise<unknown>;
  reload(): void;
  t(key: string, opts?: Record<string, unknown>): string;
  notify(n: ShareNotice | null): void;
  /** Decompressed bytes read at most (default MAX_IMPORT of protocol.ts). */
  maxBytes?: number;
}

export type OpenSharedOutcome = 'none' | 'declined' | 'opened' | 'corrupt' | 'tooLarge' | 'invalid';

/** Opens the scenario of `deps.hash`, if it holds one. */
export async function openShared(deps: OpenSharedDeps): Promise<OpenSharedOutcome> {
  const data = scenarioFromHash(deps.hash);
  if (data === null) return 'none';
  deps.clearHash();
  const maxBytes = deps.maxBytes ?? MAX_IMPORT;
  const fail = (outcome: OpenSharedOutcome, message: string): OpenSharedOutcome => {
    deps.notify({ message, error: true });
    return outcome;
  };
  let json: string;
  try {
    json = await decodeScenario(data, maxBytes);
  } catch (e) {
    if (e instanceof ScenarioLinkError && e.code === 'tooLarge') return fail('tooLarge', deps.t('share.openTooLarge', { max: Math.round(maxBytes / (1024 * 1024)) }));
    return fail('corrupt', deps.t('share.openCorrupt'));
  }
  // A cheap look before asking: the worker validates the whole file on import.
  let format: unknown;
  try {
    format = (JSON.parse(json) as { format?: unknown } | null)?.format;
  } catch {
    return fail('corrupt', deps.t('share.openCorrupt'));
  }
  if (format !== 'timonel-playground') return fail('corrupt', deps.t('share.openCorrupt'));
  if (!deps.confirm(deps.t('share.openConfirm'))) return 'declined';
  deps.notify({ message: deps.t('share.opening'), error: false });
  try {
    await deps.importJson(json);
  } catch (e) {
    return fail('invalid', deps.t('share.openInvalid', { message: e instanceof Error ? e.message : String(e) }));
  }
  deps.reload();
  return 'opened';
}

/** The browser wiring: window's location, history and confirm, i18next, the engine client. */
export function openSharedOnLoad(request: (json: string) => Promise<unknown>): Promise<OpenSharedOutcome> {
  registerShareStrings();
  return openShared({
    hash: window.location.hash,
    clearHash: () => window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search),
    confirm: (m) => window.confirm(m),
    importJson: request,
    reload: () => window.location.reload(),
    t: (k, o) => i18next.t(k, o),
    notify: (n) => shareNotice.set(n),
  });
}
