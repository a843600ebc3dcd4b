// batch/v1 Job and CronJob: scheme defaults, the generated selector and labels of a Job
// (batch.kubernetes.io/controller-uid, job-name and their legacy forms), status only through
// the status subresource, and the validation a course runs into, with upstream's messages.
// Models pkg/apis/batch/v1/defaults.go, pkg/registry/batch/{job,cronjob}/strategy.go and
// pkg/apis/batch/validation/validation.go.
// SIMPLIFICATION: no podFailurePolicy, successPolicy, indexed-mode or managedBy validation; the
// bad value of an immutable template is not printed as Go's %#v of the whole struct.
import type * as batch from 'kubernetes-types/batch/v1';
import type { FieldError } from '../../api/field';
import { FIELD_IMMUTABLE, FieldPath, GoValue, goQuote, goStringMap, invalid, notSupported, required } from '../../api/field';
import type { DeepMutable, KObject } from '../../api/types';
import { defaultPodTemplate } from '../../api/defaults/core';
import { goLabelSelector, selectorMatches, validateLabelSelector, validateNonnegative } from '../../api/validation/meta';
import { validatePodTemplateSpec } from '../../api/validation/pod';
import { deepEqual } from '../apiserver';
import { isKnownZone, parseCronSchedule } from '../../controllers/cronjob/cron-schedule';
import { defineType } from './define';

export type Job = DeepMutable<batch.Job>;
export type JobSpec = DeepMutable<batch.JobSpec>;
export type JobCondition = DeepMutable<batch.JobCondition>;
export type CronJob = DeepMutable<batch.CronJob>;

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const root = (n: string): FieldPath => FieldPath.root(n);

// ------------------------------------------------------------------ defaults

/** SetDefaults_Job (spec part; the pod template gets the pod defaults too). */
export function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
}

export function defaultJob(job: Job): void {
  const spec = (job.spec ??= { template: {} });
  defaultJobSpec(spec);
  const labels = spec.template?.metadata?.labels;
  const meta = (job.metadata ??= {});
  if (labels && !Object.keys(meta.labels ?? {}).length) meta.labels = { ...labels };
  defaultPodTemplate(spec.template);
}

export function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= { schedule: '', jobTemplate: {} });
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultPodTemplate(spec.jobTemplate?.spec?.template);
}

/**
 * generateSelector: the job-name and controller-uid labels (both forms) on the template, and
 * a selector on the prefixed controller-uid, unless the user set them.
 */
export function generateSelector(job: Job): void {
  const spec = (job.spec ??= { template: {} });
  const tmpl = (spec.template ??= {});
  const tm = (tmpl.metadata ??= {});
  const labels = (tm.labels ??= {});
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  const sel = (spec.selector ??= {});
  const ml = (sel.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in ml)) ml[CONTROLLER_UID_LABEL] = uid;
}

// ------------------------------------------------------------------ validation

function validateHasLabel(labels: Record<string, string> | undefined, p: FieldPath, key: string, value: string): FieldError[] {
  const actual = labels?.[key];
  if (actual === undefined) return [required(p.child('labels').key(key), `must be '${value}'`)];
  if (actual !== value) return [invalid(p.child('labels').key(key), goStringMap(labels), `must be '${value}'`)];
  return [];
}

function validateGeneratedSelector(job: Job): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true || !spec?.selector) return [];
  const errs: FieldError[] = [];
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  if (!uid) errs.push(required('metadata.uid'));
  const tp = root('spec').child('template', 'metadata');
  const labels = spec.template?.metadata?.labels;
  errs.push(...validateHasLabel(labels, tp, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, tp, LEGACY_JOB_NAME_LABEL, name));
  errs.push(...validateHasLabel(labels, tp, CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, tp, JOB_NAME_LABEL, name));
  const expected = { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (selectorMatches(spec.selector, expected) === false) errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

/** validateJobSpec: the fields a Job and a CronJob's job template share. */
function validateJobSpecFields(spec: JobSpec | undefined, p: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec) return [required(p.child('template', 'spec', 'restartPolicy'), `valid values: ${goQuote('OnFailure')}, ${goQuote('Never')}`)];
  const nonneg: [keyof JobSpec, number | undefined | null][] = [
    ['parallelism', spec.parallelism],
    ['completions', spec.completions],
    ['activeDeadlineSeconds', spec.activeDeadlineSeconds],
    ['backoffLimit', spec.backoffLimit],
    ['ttlSecondsAfterFinished', spec.ttlSecondsAfterFinished],
    ['backoffLimitPerIndex', spec.backoffLimitPerIndex],
    ['maxFailedIndexes', spec.maxFailedIndexes],
  ];
  for (const [k, v] of nonneg) if (v != null) errs.push(...validateNonnegative(v, p.child(k)));
  if (spec.completionMode != null && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
    errs.push(notSupported(p.child('completionMode'), spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  if (spec.completionMode === 'Indexed' && spec.completions == null) errs.push(required(p.child('completions'), 'when completion mode is Indexed'));
  if (spec.podReplacementPolicy != null && spec.podReplacementPolicy !== 'Failed' && spec.podReplacementPolicy !== 'TerminatingOrFailed') {
    errs.push(notSupported(p.child('podReplacementPolicy'), spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  }
  errs.push(...validatePodTemplateSpec(spec.template as never, p.child('template')));
  const rp = spec.template?.spec?.restartPolicy ?? '';
  const rpPath = p.child('template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, `valid values: ${goQuote('OnFailure')}, ${goQuote('Never')}`));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  return errs;
}

/** ValidateJobSpec: the spec fields plus the selector. */
function validateJobSpec(spec: JobSpec | undefined, p: FieldPath): FieldError[] {
  const errs = validateJobSpecFields(spec, p);
  if (!spec?.selector) errs.push(required(p.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, p.child('selector')));
  const labels = spec?.template?.metadata?.labels;
  if (selectorMatches(spec?.selector, labels) === false) {
    errs.push(invalid(p.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

export function validateJob(job: Job): FieldError[] {
  const errs = validateGeneratedSelector(job);
  errs.push(...validateJobSpec(job.spec, root('spec')));
  return errs;
}

function immutable(p: FieldPath, value: GoValue | unknown, a: unknown, b: unknown): FieldError[] {
  return deepEqual(a, b) ? [] : [invalid(p, value, FIELD_IMMUTABLE)];
}

export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const errs = validateJobSpec(job.spec, root('spec'));
  const s = job.spec;
  const o = old.spec;
  const sp = root('spec');
  errs.push(...immutable(sp.child('completions'), s?.completions ?? new GoValue('nil'), s?.completions, o?.completions));
  errs.push(...immutable(sp.child('selector'), goLabelSelector(s?.selector), s?.selector, o?.selector));
  // SIMPLIFICATION: upstream prints the whole core.PodTemplateSpec with %#v.
  errs.push(...immutable(sp.child('template'), new GoValue('core.PodTemplateSpec{...}'), s?.template, o?.template));
  errs.push(...immutable(sp.child('completionMode'), s?.completionMode, s?.completionMode, o?.completionMode));
  return errs;
}

function validateCronJobSpec(cj: CronJob, old: CronJob | undefined): FieldError[] {
  const spec = cj.spec;
  const p = root('spec');
  const errs: FieldError[] = [];
  const schedule = spec?.schedule ?? '';
  if (!schedule) errs.push(required(p.child('schedule')));
  else {
    const parsed = parseCronSchedule(schedule);
    if ('error' in parsed) errs.push(invalid(p.child('schedule'), schedule, parsed.error));
    const allowTZ = old ? (old.spec?.schedule ?? '').includes('TZ') : false;
    if (allowTZ && schedule.includes('TZ') && spec?.timeZone != null) errs.push(invalid(p.child('schedule'), schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && schedule.includes('TZ')) errs.push(invalid(p.child('schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (spec?.startingDeadlineSeconds != null) errs.push(...validateNonnegative(spec.startingDeadlineSeconds, p.child('startingDeadlineSeconds')));
  const tz = spec?.timeZone;
  if (tz != null && (!old || old.spec?.timeZone !== tz)) {
    const tp = p.child('timeZone');
    if (tz === '') errs.push(invalid(tp, tz, 'timeZone must be nil or non-empty string'));
    else if (tz.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part))) {
      errs.push(invalid(tp, tz, `unknown time zone ${tz}`));
    } else if (tz.toLowerCase() === 'local') errs.push(invalid(tp, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
    else if (!isKnownZone(tz)) errs.push(invalid(tp, tz, `unknown time zone ${tz}`));
  }
  const cp = spec?.concurrencyPolicy ?? '';
  if (cp === '') errs.push(required(p.child('concurrencyPolicy')));
  else if (cp !== 'Allow' && cp !== 'Forbid' && cp !== 'Replace') errs.push(notSupported(p.child('concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  const jp = p.child('jobTemplate');
  const jspec = spec?.jobTemplate?.spec;
  errs.push(...validateJobSpecFields(jspec, jp.child('spec')));
  if (jspec?.selector) errs.push(invalid(jp.child('spec', 'selector'), goLabelSelector(jspec.selector), '`selector` will be auto-generated'));
  if (jspec?.manualSelector === true) errs.push(notSupported(jp.child('spec', 'manualSelector'), new GoValue('true'), ['nil', 'false']));
  if (spec?.successfulJobsHistoryLimit != null) errs.push(...validateNonnegative(spec.successfulJobsHistoryLimit, p.child('successfulJobsHistoryLimit')));
  if (spec?.failedJobsHistoryLimit != null) errs.push(...validateNonnegative(spec.failedJobsHistoryLimit, p.child('failedJobsHistoryLimit')));
  return errs;
}

export function validateCronJob(cj: CronJob): FieldError[] {
  const errs = validateCronJobSpec(cj, undefined);
  const name = cj.metadata?.name ?? '';
  // The controller appends an 11-character `-<minutes>` suffix; job names stop at 63.
  if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

// ------------------------------------------------------------------ resource types

export const cronJobs = defineType({
  group: 'batch',
  kind: 'CronJob',
  plural: 'cronjobs',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  subresources: ['status'],
  storageVersionHash: 'sd5LIXh4Fjs=',
  prepareForCreate(obj: KObject) {
    defaultCronJob(obj as CronJob);
    obj.status = {};
  },
  validateCreate: (obj) => validateCronJob(obj as CronJob),
  validateUpdate(obj, old) {
    // Scheme defaults of a decoded update (the shared defaulting has no batch kinds).
    defaultCronJob(obj as CronJob);
    return validateCronJobSpec(obj as CronJob, old as CronJob);
  },
});

export const jobs = defineType({
  group: 'batch',
  kind: 'Job',
  plural: 'jobs',
  namespaced: true,
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  subresources: ['status'],
  storageVersionHash: 'mudhfqk/qZY=',
  // batch/v1 Jobs orphan their pods unless the client asks otherwise (kubectl asks Background).
  defaultPropagation: 'Orphan',
  prepareForCreate(obj: KObject) {
    const job = obj as Job;
    defaultJob(job);
    obj.status = {};
    if (job.spec?.manualSelector !== true) generateSelector(job);
    // The stored object is read back through the scheme defaults, which copy the (now
    // generated) template labels onto a Job without labels.
    const labels = job.spec?.template?.metadata?.labels;
    const meta = (job.metadata ??= {});
    if (labels && !Object.keys(meta.labels ?? {}).length) meta.labels = { ...labels };
  },
  validateCreate: (obj) => validateJob(obj as Job),
  validateUpdate(obj, old) {
    defaultJob(obj as Job);
    return validateJobUpdate(obj as Job, old as Job);
  },
});
