// Control-flow signals thrown through the interpreter (exit, break/continue, return) and the
// quoting helper used to re-parse argv. Not errors: they never reach the user as text.

export class ExitSignal { constructor(readonly code: number) {} }
export class LoopSignal { constructor(readonly kind: 'break' | 'continue', public levels: number) {} }
export class ReturnSignal { constructor(readonly code: number) {} }

/** Quotes a string for re-parsing as one shell word. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, `'\\''`) + "'";
}
