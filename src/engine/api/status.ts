// metav1.Status errors exactly as the API server returns them, so that kubectl (ours and
// the real one) prints them verbatim (`Error from server (NotFound): pods "x" not found`).
// Models apimachinery/pkg/api/errors/errors.go
import type { FieldError } from './field';
import { aggregateFieldErrors, fieldErrorBody } from './field';
import type { GroupResource } from './types';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | { resourceVersion?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** Thrown by internal API calls; carries the Status the REST layer returns. */
export class ApiError extends Error {
  constructor(readonly status: StatusObject) {
    super(status.message ?? status.reason ?? 'error');
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** `pods` or `deployments.apps` as upstream's GroupResource.String(). */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function failure(code: number, reason: string, message: string, details?: StatusObject['details']): ApiError {
  const s: StatusObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return new ApiError(s);
}

const grDetails = (gr: GroupResource, name: string) => {
  const d: NonNullable<StatusObject['details']> = { name };
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
};

export const errNotFound = (gr: GroupResource, name: string) =>
  failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, grDetails(gr, name));

export const errAlreadyExists = (gr: GroupResource, name: string) =>
  failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, grDetails(gr, name));

export const errConflict = (gr: GroupResource, name: string, detail: string) =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${detail}`, grDetails(gr, name));

export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid. `qualifiedKind` is e.g. `Pod` or `Deployment.apps`. */
export function errInvalid(qualifiedKind: string, group: string, kind: string, name: string, errs: readonly FieldError[]): ApiError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const details: NonNullable<StatusObject['details']> = { name };
  if (group) details.group = group;
  details.kind = kind;
  details.causes = causes;
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregateFieldErrors(errs)}`, details);
}

export const errBadRequest = (message: string) => failure(400, 'BadRequest', message);

export const errGone = (message: string) => failure(410, 'Expired', message);

export const errForbidden = (gr: GroupResource, name: string, reason: string) =>
  failure(403, 'Forbidden', `${qualifiedResource(gr)} "${name}" is forbidden: ${reason}`, grDetails(gr, name));

export const errMethodNotSupported = (gr: GroupResource, action: string) =>
  failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`, { group: gr.group || undefined, kind: gr.resource });

/** What the API server answers for a path it does not serve. */
export const errNoResource = () => failure(404, 'NotFound', 'the server could not find the requested resource', {});

export const errInternal = (message: string) => failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

export const errTimeout = (message: string) => failure(504, 'Timeout', message);

export const errUnsupportedMediaType = (contentType: string) =>
  failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`, { causes: [{ message: contentType }] });

export function successStatus(details?: StatusObject['details']): StatusObject {
  const s: StatusObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = details;
  return s;
}
