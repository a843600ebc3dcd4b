// The error thrown by selector parsing and conversion. Its message is exactly the text the
// apiserver puts in the 400 Status (kubectl prefixes it, see label-selector.ts).
// Leaves out: Status building (the REST handler wraps this message itself).

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}
