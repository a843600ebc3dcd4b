// The error every patch function throws. `message` is the text of the upstream library error
// (evanphx/json-patch, strategicpatch, mergepatch); `code`/`reason`/`statusMessage` say how the
// apiserver's PATCH handler turns it into a metav1.Status (apiserver/pkg/endpoints/handlers/patch.go).
// Leaves out: building the Status object itself (the REST handler does that).

export type PatchErrorReason = 'BadRequest' | 'Invalid' | '';

/** What the apiserver hides a JSON-patch apply failure behind (a 422 with no details). */
export const REJECTED_REQUEST_MESSAGE = 'the server rejected our request due to an error in our request';

export class PatchError extends Error {
  override readonly name = 'PatchError';
  /** HTTP status the apiserver answers with. */
  readonly code: 400 | 422 | 500;
  /** metav1.StatusReason ('' is StatusReasonUnknown, used for errors the handler does not classify). */
  readonly reason: PatchErrorReason;
  /** Status.message as the apiserver sends it (may differ from `message`, see JSON patch). */
  readonly statusMessage: string;

  constructor(message: string, code: 400 | 422 | 500 = 400, statusMessage?: string) {
    super(message);
    this.code = code;
    this.reason = code === 400 ? 'BadRequest' : code === 422 ? 'Invalid' : '';
    this.statusMessage = statusMessage ?? message;
  }
}
