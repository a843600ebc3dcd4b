// ObjectMeta validation on create and update, labels, annotations, finalizers, owner
// references and label selectors, with upstream's messages and field paths.
// Leaves out managedFields validation and the finalizer checks tied to deletion.
// Models apimachinery/pkg/api/validation/objectmeta.go, apimachinery/pkg/apis/meta/v1/validation/validation.go

import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
  type FieldError,
  type FieldPath,
  FIELD_IMMUTABLE,
  GoValue,
  forbidden,
  goQuote,
  goStringMap,
  goStringSlice,
  invalid,
  required,
  tooLong,
} from '../field';
import { type NameValidator, byteLen, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export function validateNonnegative(value: number, p: FieldPath): FieldError[] {
  return value < 0 ? [invalid(p, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validateDNS1123Label(value: string, p: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(p, value, m));
}

export function validateDNS1123Subdomain(value: string, p: FieldPath): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(p, value, m));
}

export function validateLabelName(key: string, p: FieldPath): FieldError[] {
  return isQualifiedName(key).map((m) => invalid(p, key, m));
}

/** ValidateLabels: errors carry the map's path, not a per-key path. */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, p: FieldPath): FieldError[] {
  if (!labels) return [];
  const errs: FieldError[] = [];
  for (const k in labels) {
    for (const m of isQualifiedName(k)) errs.push(invalid(p, k, m));
    const v = labels[k];
    for (const m of isValidLabelValue(v)) errs.push(invalid(p, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Readonly<Record<string, string>> | undefined, p: FieldPath): FieldError[] {
  if (!annotations) return [];
  const errs: FieldError[] = [];
  let total = 0;
  for (const k in annotations) {
    // Same rule as label keys, but case does not matter.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(p, k, m));
    total += byteLen(k) + byteLen(annotations[k]);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(p, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

const goBoolPtr = (b: boolean | undefined): string => (b === undefined ? '(*bool)(nil)' : `&${b}`);

/** %#v of a metav1.OwnerReference (pointers print as addresses upstream; we print &value). */
function goOwnerReference(r: OwnerReference): string {
  return `v1.OwnerReference{APIVersion:${goQuote(r.apiVersion ?? '')}, Kind:${goQuote(r.kind ?? '')}, Name:${goQuote(r.name ?? '')}, UID:${goQuote(
    r.uid ?? '',
  )}, Controller:${goBoolPtr(r.controller)}, BlockOwnerDeletion:${goBoolPtr(r.blockOwnerDeletion)}}`;
}

export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, p: FieldPath): FieldError[] {
  if (!refs) return [];
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs) {
    const apiVersion = ref.apiVersion ?? '';
    const slash = apiVersion.indexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    if (version.length === 0) errs.push(invalid(p.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(p.child('kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(p.child('name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(p.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (group === '' && version === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(p, new GoValue(goOwnerReference(ref)), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller) {
      const cur = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            p,
            new GoValue(`[]v1.OwnerReference{${refs.map(goOwnerReference).join(', ')}}`),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else firstController = cur;
    }
  }
  return errs;
}

export function validateFinalizers(finalizers: readonly string[] | undefined, p: FieldPath): FieldError[] {
  if (!finalizers) return [];
  const errs: FieldError[] = [];
  let orphan = false;
  let del = false;
  for (const f of finalizers) {
    for (const m of isQualifiedName(f)) errs.push(invalid(p, f, m));
    if (f === 'orphan') orphan = true;
    if (f === 'foregroundDeletion') del = true;
  }
  if (orphan && del) errs.push(invalid(p, goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  return errs;
}

function validateMetaCommon(meta: ObjectMeta, namespaced: boolean, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (namespaced) {
    if (!meta.namespace) errs.push(required(p.child('namespace')));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(invalid(p.child('namespace'), meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(forbidden(p.child('namespace'), 'not allowed on this type'));
  }
  if (meta.generation !== undefined) errs.push(...validateNonnegative(meta.generation, p.child('generation')));
  errs.push(...validateLabels(meta.labels, p.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, p.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, p.child('finalizers')));
  return errs;
}

/** ValidateObjectMeta: expects name generation to have happened already. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, p: FieldPath): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(invalid(p.child('generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(required(p.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid(p.child('name'), m.name, msg));
  errs.push(...validateMetaCommon(m, namespaced, p));
  return errs;
}

function immutable(newVal: string | undefined, oldVal: string | undefined, p: FieldPath): FieldError[] {
  return (newVal ?? '') === (oldVal ?? '') ? [] : [invalid(p, newVal ?? '', FIELD_IMMUTABLE)];
}

/**
 * ValidateObjectMetaUpdate. The caller (like the generic store) must already have copied
 * resourceVersion for unconditional updates, and uid/creationTimestamp when they were omitted.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, p: FieldPath): FieldError[] {
  const n = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const before = new Set(o.finalizers ?? []);
    const extra = [...new Set(n.finalizers ?? [])].filter((f) => !before.has(f)).sort();
    if (extra.length) {
      errs.push(
        forbidden(p.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).repr}`),
      );
    }
  }
  if (!n.resourceVersion) errs.push(invalid(p.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(invalid(p.child('generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(n.name, o.name, p.child('name')));
  errs.push(...immutable(n.namespace, o.namespace, p.child('namespace')));
  errs.push(...immutable(n.uid, o.uid, p.child('uid')));
  if (n.creationTimestamp !== o.creationTimestamp) {
    // SIMPLIFICATION: upstream prints metav1.Time with time.Time's String(); we print the RFC 3339 text.
    errs.push(invalid(p.child('creationTimestamp'), new GoValue(n.creationTimestamp ?? 'null'), FIELD_IMMUTABLE));
  }
  errs.push(...validateLabels(n.labels, p.child('labels')));
  errs.push(...validateAnnotations(n.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, p.child('ownerReferences')));
  errs.push(...validateFinalizers(n.finalizers, p.child('finalizers')));
  return errs;
}

// ---- label selectors -------------------------------------------------------------------------

/** %#v of a *metav1.LabelSelector as printed in "field is immutable" and "empty selector" errors. */
export function goLabelSelector(sel: LabelSelector | undefined): GoValue {
  if (!sel) return new GoValue('null');
  const ml = sel.matchLabels ? goStringMap(sel.matchLabels).repr : 'map[string]string(nil)';
  const me = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((r) => `v1.LabelSelectorRequirement{Key:${goQuote(r.key)}, Operator:${goQuote(r.operator)}, Values:${goStringSlice(r.values).repr}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}

export function validateLabelSelector(sel: LabelSelector | undefined, p: FieldPath): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, p.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const rp = p.child('matchExpressions').index(i);
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (!r.values || r.values.length === 0) errs.push(required(rp.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (r.values && r.values.length > 0) errs.push(forbidden(rp.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(rp.child('operator'), r.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(r.key, rp.child('key')));
    (r.values ?? []).forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(rp.child('values').index(j), v, m));
    });
  });
  return errs;
}

/**
 * LabelSelectorAsSelector + Matches. A nil selector selects nothing; an empty one everything.
 * Returns null when the selector cannot be converted (invalid operator).
 */
export function selectorMatches(sel: LabelSelector | undefined, labels: Readonly<Record<string, string>> | undefined): boolean | null {
  if (!sel) return false;
  const l = labels ?? {};
  for (const k in sel.matchLabels ?? {}) if (l[k] !== sel.matchLabels?.[k]) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !(r.values ?? []).includes(l[r.key])) return false;
        break;
      case 'NotIn':
        if (has && (r.values ?? []).includes(l[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return null;
    }
  }
  return true;
}
