// Failure injection: delete a pod, kill a container, stop/start a node, cordon/uncordon/drain
// it, break a Deployment's image. Each is an API call (or the kubelet killing a process) made in
// the worker, so the cluster reacts as it would and the Events panel shows it; what kubectl
// would print for the same action is shown under the buttons. The pod picker lists its options
// only while it has focus (a thousand sorted <option>s per batch cost more than the rest of the
// page); the default choice is found with one scan and then kept while it exists (a lookup by
// uid), the panel follows the mirror at most REFRESH_MS apart (not every frame of a 1,000-pod
// scale-up), and its strings are translated once per language (cached-t.ts).
// Leaves out: network faults.
import { useMemo, useState } from 'react';
import type { KObject, Pod } from '../../../engine';
import type { FaultAction, FaultName } from '../../../worker/protocol';
import { useEngine } from '../../engine';
import type { ClusterState } from '../../state/cluster-store';
import { useThrottledSelection } from '../../state/throttled';
import { compareNames } from '../../lib/names';
import { registerToolStrings } from '../persistence/strings';
import { useCachedT } from '../../i18n/cached-t';
import '../inspector/tools.css';

registerToolStrings();

/** Wall ms between re-renders caused by object changes. */
const REFRESH_MS = 250;
const selectPods = (s: ClusterState) => s.objects.pods;
const selectNodes = (s: ClusterState) => s.objects.nodes;
const selectDeployments = (s: ClusterState) => s.objects.deployments;

const key = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const byKey = (a: KObject, b: KObject) => compareNames(key(a), key(b));

interface PickerProps {
  label: string;
  value: string;
  options: string[];
  none: string;
  onChange(v: string): void;
}

function Picker(props: PickerProps) {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.options.length === 0 && <option value="">{props.none}</option>}
      {props.options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

/** A picker whose (long) option list is built when it gets focus or a pointer, and dropped on blur. */
function LazyPicker(props: Omit<PickerProps, 'options'> & { list(): string[] }) {
  const [options, setOptions] = useState<string[] | null>(null);
  const open = () => {
    if (!options) setOptions(props.list());
  };
  const shown = options ?? (props.value ? [props.value] : []);
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onFocus={open}
      onPointerDown={open}
      onBlur={() => setOptions(null)}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {shown.length === 0 && <option value="">{props.none}</option>}
      {props.value && !shown.includes(props.value) && <option value={props.value}>{props.value}</option>}
      {shown.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

/**
 * The pod to act on: the chosen one while it exists, else the first (sorted) in `default`, else
 * the first. `previous` (the last pick) is kept while it exists and still answers that rule's
 * first part: the chosen pod, or with none chosen a pod in `default`. Found by uid (the mirror's
 * key), that costs no scan, and the default choice does not jump to each new pod that sorts first.
 */
export function pickPod(pods: ReadonlyMap<string, KObject>, chosen: string, previous?: KObject): KObject | undefined {
  const kept = previous && pods.get(previous.metadata?.uid ?? '');
  if (kept && (chosen ? key(kept) === chosen : kept.metadata?.namespace === 'default')) return kept;
  let firstDefault: KObject | undefined;
  let firstDefaultKey = '';
  let first: KObject | undefined;
  let firstKey = '';
  for (const p of pods.values()) {
    const k = key(p);
    if (k === chosen) return p;
    if (!first || compareNames(k, firstKey) < 0) {
      first = p;
      firstKey = k;
    }
    if (p.metadata?.namespace === 'default' && (!firstDefault || compareNames(k, firstDefaultKey) < 0)) {
      firstDefault = p;
      firstDefaultKey = k;
    }
  }
  return firstDefault ?? first;
}

export function FaultsPanel() {
  const t = useCachedT();
  const { client, store } = useEngine();
  const podsMap = useThrottledSelection(store, selectPods, REFRESH_MS);
  const nodesMap = useThrottledSelection(store, selectNodes, REFRESH_MS);
  const deploymentsMap = useThrottledSelection(store, selectDeployments, REFRESH_MS);
  const nodes = useMemo(() => [...nodesMap.values()].map((n) => n.metadata?.name ?? '').sort(), [nodesMap]);
  const deployments = useMemo(() => [...deploymentsMap.values()].sort(byKey).map(key), [deploymentsMap]);

  const [podSel, setPod] = useState('');
  const [containerSel, setContainer] = useState('');
  const [nodeSel, setNode] = useState('');
  const [deploySel, setDeploy] = useState('');
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);

  // Keep a valid selection as objects come and go (prefer the user's own namespace).
  const [last] = useState<{ pod?: KObject }>(() => ({}));
  const podObj = useMemo(() => {
    last.pod = pickPod(podsMap, podSel, last.pod);
    return last.pod as Pod | undefined;
  }, [last, podsMap, podSel]);
  const pod = podObj ? key(podObj) : '';
  const containers = (podObj?.spec?.containers ?? []).map((c) => c.name);
  const container = containers.includes(containerSel) ? containerSel : (containers[0] ?? '');
  const node = nodes.includes(nodeSel) ? nodeSel : (nodes.find((n) => n !== 'node1') ?? nodes[0] ?? '');
  const deployment = deployments.includes(deploySel) ? deploySel : (deployments.find((k) => k.startsWith('default/')) ?? deployments[0] ?? '');

  const split = (k: string) => {
    const i = k.indexOf('/');
    return { namespace: k.slice(0, i), name: k.slice(i + 1) };
  };

  const run = (f: FaultAction) => {
    const label = t(`faults.${f.action}`);
    client.request('fault', f).then(
      (r) => setResult({ ok: r.ok, text: r.output || t(r.ok ? 'faults.done' : 'faults.failed', { action: label }) }),
      (e: unknown) => setResult({ ok: false, text: `${t('faults.failed', { action: label })} ${String(e)}` }),
    );
  };
  const button = (action: FaultName, f: FaultAction | null) => (
    <button type="button" disabled={!f} onClick={() => f && run(f)}>{t(`faults.${action}`)}</button>
  );

  return (
    <section className="panel faults" aria-label={t('faults.region')}>
      <h2>{t('faults.region')}</h2>
      <div className="row">
        <LazyPicker label={t('faults.pod')} value={pod} list={() => [...podsMap.values()].sort(byKey).map(key)} none={t('faults.none')} onChange={setPod} />
        {button('deletePod', pod ? { action: 'deletePod', ...split(pod) } : null)}
        <Picker label={t('faults.container')} value={container} options={containers} none={t('faults.none')} onChange={setContainer} />
        {button('killContainer', pod && container ? { action: 'killContainer', ...split(pod), container } : null)}
      </div>
      <div className="row">
        <Picker label={t('faults.node')} value={node} options={nodes} none={t('faults.none')} onChange={setNode} />
        {(['stopNode', 'startNode', 'cordon', 'uncordon', 'drain'] as const).map((a) => (
          <span key={a}>{button(a, node ? { action: a, node } : null)}</span>
        ))}
      </div>
      <div className="row">
        <Picker label={t('faults.deployment')} value={deployment} options={deployments} none={t('faults.none')} onChange={setDeploy} />
        {button('breakImage', deployment ? { action: 'breakImage', ...split(deployment) } : null)}
      </div>
      {result && <output aria-label={t('faults.output')} data-ok={String(result.ok)}>{result.text}</output>}
    </section>
  );
}
