// apps/v1 validation: Deployment, ReplicaSet, DaemonSet specs and statuses, rolling-update
// parameters and the selector immutability the registry strategies add for apps/v1.
// Leaves out StatefulSet, ControllerRevision and the read-only persistent disk check.
// Models kubernetes/pkg/apis/apps/validation/validation.go, pkg/registry/apps/*/strategy.go

import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { type FieldError, FieldPath, FIELD_IMMUTABLE, GoValue, forbidden, goQuote, goStringMap, invalid, notSupported, required } from '../field';
import { isValidPercent } from './names';
import { goLabelSelector, selectorMatches, validateLabelSelector, validateNonnegative } from './meta';
import { validatePodTemplateSpec } from './pod';

type IntOrString = number | string;
const root = (n: string): FieldPath => FieldPath.root(n);

/** intstr.IntOrString prints through its String() method: `0`, `25%`. */
const intstrValue = (v: IntOrString | undefined): GoValue => new GoValue(String(v ?? 0));

function getPercentValue(v: IntOrString | undefined): number | null {
  if (typeof v !== 'string' || isValidPercent(v).length) return null;
  return Number(v.slice(0, -1));
}

function getIntOrPercentValue(v: IntOrString | undefined): number {
  const pct = getPercentValue(v);
  if (pct !== null) return pct;
  if (typeof v === 'number') return v;
  const n = Number(v ?? 0);
  return Number.isInteger(n) && /^[+-]?\d+$/.test(String(v)) ? n : 0;
}

function validatePositiveIntOrPercent(v: IntOrString | undefined, p: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(p, intstrValue(v), m));
  return validateNonnegative(v ?? 0, p);
}

function isNotMoreThan100Percent(v: IntOrString | undefined, p: FieldPath): FieldError[] {
  const pct = getPercentValue(v);
  return pct === null || pct <= 100 ? [] : [invalid(p, intstrValue(v), 'must not be greater than 100%')];
}

function validateSelectorRequired(sel: LabelSelector | undefined, p: FieldPath): FieldError[] {
  if (!sel) return [required(p)];
  const errs = validateLabelSelector(sel, p);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    // Upstream says "deployment" for ReplicaSets too.
    errs.push(invalid(p, goLabelSelector(sel), 'empty selector is invalid for deployment'));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (also used for Deployments). */
function validateTemplateForReplicaSet(t: PodTemplateSpec | undefined, sel: LabelSelector | undefined, p: FieldPath, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const matches = selectorMatches(sel, t?.metadata?.labels);
  if (matches === null) return [invalid(root('spec').child('selector'), goLabelSelector(sel), 'invalid label selector')];
  if (!t) return [required(p)];
  // A nil selector selects nothing (labels.Nothing() is not Empty()), so it never matches.
  if (!matches) errs.push(invalid(p.child('metadata', 'labels'), goStringMap(t.metadata?.labels), '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(t, p));
  const rp = t.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(p.child('spec', 'restartPolicy'), rp, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(p.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const p = root('spec');
  const errs: FieldError[] = [];
  errs.push(...validateNonnegative(spec.replicas ?? 0, p.child('replicas')));
  errs.push(...validateSelectorRequired(spec.selector, p.child('selector')));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, p.child('template'), 'ReplicaSet'));
  const sp = p.child('strategy');
  const st = spec.strategy ?? {};
  switch (st.type) {
    case 'Recreate':
      if (st.rollingUpdate) errs.push(forbidden(sp.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case 'RollingUpdate': {
      const ru = st.rollingUpdate;
      if (!ru) errs.push(required(sp.child('rollingUpdate'), 'this should be defaulted and never be nil'));
      else {
        const rp = sp.child('rollingUpdate');
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
        errs.push(...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')));
        if (getIntOrPercentValue(ru.maxUnavailable) === 0 && getIntOrPercentValue(ru.maxSurge) === 0) {
          errs.push(invalid(rp.child('maxUnavailable'), intstrValue(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
        }
        errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')));
      }
      break;
    }
    default: {
      const ru = st.rollingUpdate
        ? `&apps.RollingUpdateDeployment{MaxUnavailable:${goIntstr(st.rollingUpdate.maxUnavailable)}, MaxSurge:${goIntstr(st.rollingUpdate.maxSurge)}}`
        : '(*apps.RollingUpdateDeployment)(nil)';
      errs.push(notSupported(sp, new GoValue(`apps.DeploymentStrategy{Type:${goQuote(st.type ?? '')}, RollingUpdate:${ru}}`), ['Recreate', 'RollingUpdate']));
    }
  }
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegative(spec.revisionHistoryLimit, p.child('revisionHistoryLimit')));
  }
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== null) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, p.child('progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(p.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

const goIntstr = (v: IntOrString | undefined): string =>
  typeof v === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}` : `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  const p = root('spec');
  return [
    ...validateNonnegative(spec.replicas ?? 0, p.child('replicas')),
    ...validateNonnegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')),
    ...validateSelectorRequired(spec.selector, p.child('selector')),
    ...validateTemplateForReplicaSet(spec.template, spec.selector, p.child('template'), 'ReplicaSet'),
  ];
}

export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const spec = ds.spec ?? ({} as NonNullable<DaemonSet['spec']>);
  const p = root('spec');
  const errs = validateLabelSelector(spec.selector, p.child('selector'));
  const t = spec.template;
  const matches = selectorMatches(spec.selector, t?.metadata?.labels);
  if (matches === false) {
    errs.push(invalid(p.child('template', 'metadata', 'labels'), goStringMap(t?.metadata?.labels), '`selector` does not match template `labels`'));
  }
  const sel = spec.selector;
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(invalid(p.child('selector'), goLabelSelector(sel), 'empty selector is invalid for daemonset'));
  }
  const tp = p.child('template');
  errs.push(...validatePodTemplateSpec(t, tp));
  const rp = t?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), rp, ['Always']));
  if (t?.spec?.activeDeadlineSeconds !== undefined && t.spec.activeDeadlineSeconds !== null) {
    errs.push(invalid(tp.child('spec', 'activeDeadlineSeconds'), t.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  const up = p.child('updateStrategy');
  const us = spec.updateStrategy ?? {};
  switch (us.type) {
    case 'OnDelete':
      break;
    case 'RollingUpdate': {
      const ru = us.rollingUpdate;
      if (!ru) {
        errs.push(required(up.child('rollingUpdate')));
        break;
      }
      const rup = up.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, rup.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, rup.child('maxSurge')));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, rup.child('maxUnavailable')));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, rup.child('maxSurge')));
      const hasUnavailable = getIntOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = getIntOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(invalid(rup.child('maxSurge'), intstrValue(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(required(rup.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      break;
    }
    default: {
      const ru = us.rollingUpdate
        ? `&apps.RollingUpdateDaemonSet{MaxUnavailable:${goIntstr(us.rollingUpdate.maxUnavailable)}, MaxSurge:${goIntstr(us.rollingUpdate.maxSurge)}}`
        : '(*apps.RollingUpdateDaemonSet)(nil)';
      errs.push(notSupported(up, new GoValue(`apps.DaemonSetUpdateStrategy{Type:${goQuote(us.type ?? '')}, RollingUpdate:${ru}}`), ['RollingUpdate', 'OnDelete']));
    }
  }
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegative(spec.revisionHistoryLimit, p.child('revisionHistoryLimit')));
  }
  return errs;
}

/** apps/v1 strategies forbid changing spec.selector. */
export function validateSelectorImmutable(sel: LabelSelector | undefined, old: LabelSelector | undefined): FieldError[] {
  const a = goLabelSelector(sel).repr;
  const b = goLabelSelector(old).repr;
  return a === b ? [] : [invalid(root('spec').child('selector'), goLabelSelector(sel), FIELD_IMMUTABLE)];
}

interface ReplicaCounts {
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  fullyLabeledReplicas?: number;
  observedGeneration?: number;
  collisionCount?: number;
  numberMisscheduled?: number;
  currentNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
}

const GT_REPLICAS = 'cannot be greater than status.replicas';
// The counts are int32 fields upstream: a missing one is 0 in the error value too, not null.

export function validateDeploymentStatus(s: ReplicaCounts | undefined): FieldError[] {
  const st = s ?? {};
  const p = root('status');
  const errs: FieldError[] = [];
  for (const f of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    errs.push(...validateNonnegative(st[f] ?? 0, p.child(f)));
  }
  if (st.collisionCount !== undefined) errs.push(...validateNonnegative(st.collisionCount, p.child('collisionCount')));
  const r = st.replicas ?? 0;
  if ((st.updatedReplicas ?? 0) > r) errs.push(invalid(p.child('updatedReplicas'), st.updatedReplicas ?? 0, GT_REPLICAS));
  if ((st.readyReplicas ?? 0) > r) errs.push(invalid(p.child('readyReplicas'), st.readyReplicas ?? 0, GT_REPLICAS));
  if ((st.availableReplicas ?? 0) > r) errs.push(invalid(p.child('availableReplicas'), st.availableReplicas ?? 0, GT_REPLICAS));
  if ((st.availableReplicas ?? 0) > (st.readyReplicas ?? 0)) errs.push(invalid(p.child('availableReplicas'), st.availableReplicas ?? 0, 'cannot be greater than readyReplicas'));
  return errs;
}

export function validateReplicaSetStatus(s: ReplicaCounts | undefined): FieldError[] {
  const st = s ?? {};
  const p = root('status');
  const errs: FieldError[] = [];
  for (const f of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const) {
    errs.push(...validateNonnegative(st[f] ?? 0, p.child(f)));
  }
  const r = st.replicas ?? 0;
  if ((st.fullyLabeledReplicas ?? 0) > r) errs.push(invalid(p.child('fullyLabeledReplicas'), st.fullyLabeledReplicas ?? 0, GT_REPLICAS));
  if ((st.readyReplicas ?? 0) > r) errs.push(invalid(p.child('readyReplicas'), st.readyReplicas ?? 0, GT_REPLICAS));
  if ((st.availableReplicas ?? 0) > r) errs.push(invalid(p.child('availableReplicas'), st.availableReplicas ?? 0, GT_REPLICAS));
  if ((st.availableReplicas ?? 0) > (st.readyReplicas ?? 0)) errs.push(invalid(p.child('availableReplicas'), st.availableReplicas ?? 0, 'cannot be greater than readyReplicas'));
  return errs;
}

export function validateDaemonSetStatus(s: ReplicaCounts | undefined): FieldError[] {
  const st = s ?? {};
  const p = root('status');
  const errs: FieldError[] = [];
  for (const f of [
    'numberMisscheduled', 'currentNumberScheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration',
    'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable',
  ] as const) {
    errs.push(...validateNonnegative(st[f] ?? 0, p.child(f)));
  }
  if (st.collisionCount !== undefined) errs.push(...validateNonnegative(st.collisionCount, p.child('collisionCount')));
  return errs;
}
