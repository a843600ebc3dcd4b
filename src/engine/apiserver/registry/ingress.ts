// networking.k8s.io/v1 Ingress and IngressClass: Ingress status through its subresource, the
// DefaultIngressClass admission plugin (an Ingress without a class gets the default class), and
// the path validation a course runs into (pathType required and supported, absolute paths, a
// backend). Models pkg/registry/networking/ingress/strategy.go, pkg/apis/networking/validation
// and plugin/pkg/admission/network/defaultingressclass.
// SIMPLIFICATION: no host/TLS/annotation validation beyond that; no v1beta1.
import type { FieldError } from '../../api/field';
import { invalid, notSupported, required } from '../../api/field';
import type { KObject } from '../../api/types';
import type { StrategyContext } from '../resource-type';
import { defineType } from './define';

interface IngressBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { kind?: string; name?: string };
}
interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressBackend;
}
interface IngressSpecLike {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
}

export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: IngressBackend | undefined, at: string): FieldError[] {
  if (!b || (!b.service && !b.resource)) return [invalid(at, '', 'resource or service must be specified')];
  const errs: FieldError[] = [];
  if (b.service) {
    if (!b.service.name) errs.push(required(`${at}.service.name`));
    const p = b.service.port;
    if (!p || (!p.name && !p.number)) errs.push(required(`${at}.service.port`, 'port name or number is required'));
  }
  return errs;
}

function validateIngress(obj: KObject): FieldError[] {
  const spec = (obj.spec ?? {}) as IngressSpecLike;
  const errs: FieldError[] = [];
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  (spec.rules ?? []).forEach((rule, i) => {
    (rule.http?.paths ?? []).forEach((p, j) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      if (!p.pathType) errs.push(required(`${at}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(`${at}.pathType`, p.pathType, PATH_TYPES));
      else if (p.pathType !== 'ImplementationSpecific' && !(p.path ?? '').startsWith('/')) errs.push(invalid(`${at}.path`, p.path ?? '', 'must be an absolute path'));
      errs.push(...validateBackend(p.backend, `${at}.backend`));
    });
  });
  return errs;
}

export const ingresses = defineType({
  group: 'networking.k8s.io',
  kind: 'Ingress',
  plural: 'ingresses',
  namespaced: true,
  shortNames: ['ing'],
  statusSubresource: true,
  subresources: ['status'],
  generation: true,
  storageVersionHash: '39NQlfNR+bo=',
  prepareForCreate(obj: KObject, ctx: StrategyContext) {
    obj.status = { loadBalancer: {} };
    const spec = (obj.spec ??= {}) as IngressSpecLike;
    if (spec.ingressClassName || obj.metadata?.annotations?.['kubernetes.io/ingress.class']) return;
    // DefaultIngressClass admission: the newest class marked default wins.
    const classes = ctx.api.list(ctx.api.mustResource('ingressclasses', 'networking.k8s.io'), undefined).items;
    let best: KObject | undefined;
    for (const c of classes) {
      if (c.metadata?.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] !== 'true') continue;
      if (!best || (c.metadata?.creationTimestamp ?? '') > (best.metadata?.creationTimestamp ?? '')) best = c;
    }
    if (best?.metadata?.name) spec.ingressClassName = best.metadata.name;
  },
  validateCreate: (obj) => validateIngress(obj),
  validateUpdate: (obj) => validateIngress(obj),
});

export const ingressClasses = defineType({
  group: 'networking.k8s.io',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  namespaced: false,
  storageVersionHash: 'l/iqIbDgFyQ=',
  validateCreate(obj: KObject) {
    const controller = (obj.spec as { controller?: string } | undefined)?.controller;
    return controller ? [] : [required('spec.controller')];
  },
});
