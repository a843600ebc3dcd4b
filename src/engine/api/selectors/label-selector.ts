// Label selectors: the `-l` string syntax, metav1.LabelSelector and map selectors (RC, Service),
// matching and canonical String() as kubectl describe prints them.
// Models apimachinery/pkg/labels/selector.go (Parse, NewRequirement, SelectorFromSet) and
// apimachinery/pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector).
// Leaves out: field.Path options on Parse (errors always use the nil path, as the apiserver does).
//
// What users see for a bad `-l` value: the apiserver answers 400 with the parser's message and
// kubectl's resource builder prefixes it, e.g. for `kubectl get pods -l 'a b'`:
//   Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt
// (the prefix belongs to the kubectl side; this module produces the part after the last colon pair).

import { aggregateFieldErrors, goStringSlice, invalid, notSupported, fieldErrorString } from '../field';
import type { FieldError } from '../field';
import { isQualifiedName, isValidLabelValue } from './label-validation';
import { SelectorError } from './selector-error';

/** selection.Operator values. */
export type LabelOperator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

export interface LabelSelector {
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  toString(): string;
  /** True when the selector does not restrict anything (Everything). Nothing() is not empty. */
  readonly empty: boolean;
  /** Requirements sorted by key, as upstream keeps them; empty for Everything and Nothing. */
  readonly requirements: readonly LabelRequirement[];
  /** False only for Nothing() (a nil metav1.LabelSelector). */
  readonly selectable: boolean;
}

const binaryOperators = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validOperators = [...binaryOperators, 'exists', '!'];
const GO_INT64 = /^[+-]?\d+$/;

function parseInt64(s: string): bigint | undefined {
  if (!GO_INT64.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

function requirementMatches(r: LabelRequirement, ls: Readonly<Record<string, string>> | undefined): boolean {
  const has = ls !== undefined && Object.prototype.hasOwnProperty.call(ls, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes((ls as Record<string, string>)[r.key]);
    case 'notin':
    case '!=':
      return !has || !r.values.includes((ls as Record<string, string>)[r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseInt64((ls as Record<string, string>)[r.key]);
      const rv = parseInt64(r.values[0]);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function requirementString(r: LabelRequirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case 'in':
      s += ' in ';
      break;
    case 'notin':
      s += ' notin ';
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
    default:
      s += r.operator;
  }
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

class InternalSelector implements LabelSelector {
  readonly selectable = true;
  constructor(readonly requirements: readonly LabelRequirement[]) {}
  get empty(): boolean {
    return this.requirements.length === 0;
  }
  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    for (const r of this.requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

const NOTHING: LabelSelector = Object.freeze({
  matches: () => false,
  toString: () => '',
  empty: false,
  requirements: [],
  selectable: false,
});
const EVERYTHING: LabelSelector = new InternalSelector([]);

export const everythingLabels = (): LabelSelector => EVERYTHING;
export const nothingLabels = (): LabelSelector => NOTHING;

const byKey = (a: LabelRequirement, b: LabelRequirement): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** NewRequirement's checks; `base` is the field path prefix ('' prints upstream's nil path). */
function requirementErrors(key: string, op: string, vals: readonly string[] | undefined, nilVals: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(invalid('key', key, keyErrs.join('; ')));
  const v = vals ?? [];
  const badVals = goStringSlice(nilVals && v.length === 0 ? undefined : [...v]);
  switch (op) {
    case 'in':
    case 'notin':
      if (v.length === 0) errs.push(invalid('values', badVals, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (v.length !== 1) errs.push(invalid('values', badVals, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (v.length !== 0) errs.push(invalid('values', badVals, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (v.length !== 1) errs.push(invalid('values', badVals, "for 'Gt', 'Lt' operators, exactly one value is required"));
      v.forEach((x, i) => {
        if (parseInt64(x) === undefined) errs.push(invalid(`values[${i}]`, x, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported('operator', op, validOperators));
  }
  v.forEach((x, i) => {
    const ve = isValidLabelValue(x);
    if (ve.length) errs.push(invalid(`values[${i}][${key}]`, x, ve.join('; ')));
  });
  return errs;
}

function newRequirement(key: string, op: LabelOperator, vals: string[], nilVals = false): LabelRequirement {
  const errs = requirementErrors(key, op, vals, nilVals);
  if (errs.length) throw new SelectorError(aggregateFieldErrors(errs));
  return { key, operator: op, values: vals };
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser (labels.Parse)

const enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Readonly<Record<string, Tok>> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};

interface Item {
  tok: Tok;
  lit: string;
}

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length || s[pos] === '\0') {
      items.push({ tok: Tok.EndOfString, lit: '' });
      return items;
    }
    if (isSpecial(s[pos])) {
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buf += s[pos];
        const t = Object.prototype.hasOwnProperty.call(string2token, buf) ? string2token[buf] : undefined;
        if (t !== undefined) {
          last = { tok: t, lit: buf };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` });
    } else {
      const start = pos;
      while (pos < s.length && s[pos] !== '\0' && !isSpecial(s[pos]) && !isWhitespace(s[pos])) pos++;
      const word = s.slice(start, pos);
      const t = word === 'in' ? Tok.In : word === 'notin' ? Tok.NotIn : Tok.Identifier;
      items.push({ tok: t, lit: word });
    }
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In the Values context `in`/`notin` are ordinary identifiers. */
  private look(values: boolean): Item {
    const it = this.items[Math.min(this.position, this.items.length - 1)];
    return values && (it.tok === Tok.In || it.tok === Tok.NotIn) ? { tok: Tok.Identifier, lit: it.lit } : it;
  }
  private next(values: boolean): Item {
    const it = this.look(values);
    this.position++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: LabelRequirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
            throw e;
          }
          reqs.push(r);
          const t = this.next(true);
          if (t.tok === Tok.EndOfString) return reqs;
          if (t.tok === Tok.Comma) {
            const t2 = this.look(true);
            if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
              throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
            }
          } else {
            throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    let op: LabelOperator | '' = '';
    let { tok, lit } = this.next(true);
    if (tok === Tok.DoesNotExist) {
      op = '!';
      ({ tok, lit } = this.next(true));
    }
    if (tok !== Tok.Identifier) throw new SelectorError(`found '${lit}', expected: identifier`);
    const keyErrs = isQualifiedName(lit);
    if (keyErrs.length) throw new SelectorError(fieldErrorString(invalid('<nil>', lit, keyErrs.join('; '))));
    const key = lit;
    const la = this.look(true).tok;
    if (la === Tok.EndOfString || la === Tok.Comma) {
      if (op !== '!') op = 'exists';
    }
    if (op === 'exists' || op === '!') return newRequirement(key, op, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.next(false);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new SelectorError(`found '${lit}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.next(true);
    if (open.tok !== Tok.OpenPar) throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.next(true).tok !== Tok.ClosedPar) throw new SelectorError(`found '${lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.next(true);
        return new Set(['']);
      default:
        throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === Tok.Identifier) {
        s.add(lit);
        const t2 = this.look(true);
        if (t2.tok === Tok.Comma) continue;
        if (t2.tok === Tok.ClosedPar) return s;
        throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (s.size === 0) s.add('');
        const t2 = this.look(true).tok;
        if (t2 === Tok.ClosedPar) {
          s.add('');
          return s;
        }
        if (t2 === Tok.Comma) s.add('');
      } else {
        throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const la = this.look(true).tok;
    if (la === Tok.EndOfString || la === Tok.Comma) return new Set(['']);
    const { tok, lit } = this.next(true);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: throws SelectorError with upstream's message. "" gives Everything. */
export function parseLabelSelector(s: string): LabelSelector {
  const reqs = new Parser(lex(s)).parse();
  if (reqs.length === 0) return EVERYTHING;
  return new InternalSelector(reqs.sort(byKey));
}

export interface MetaLabelSelector {
  matchLabels?: Readonly<Record<string, string>>;
  matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

const metaOps: Readonly<Record<string, LabelOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** metav1.LabelSelectorAsSelector: undefined/null → Nothing, {} → Everything. */
export function labelSelectorFromMeta(sel: MetaLabelSelector | null | undefined): LabelSelector {
  if (sel === undefined || sel === null) return NOTHING;
  const ml = sel.matchLabels ?? {};
  const me = sel.matchExpressions ?? [];
  const mlKeys = Object.keys(ml);
  if (mlKeys.length + me.length === 0) return EVERYTHING;
  const reqs: LabelRequirement[] = [];
  for (const k of mlKeys) reqs.push(newRequirement(k, '=', [ml[k]]));
  for (const e of me) {
    const op = Object.prototype.hasOwnProperty.call(metaOps, e.operator) ? metaOps[e.operator] : undefined;
    if (op === undefined) throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ? [...e.values] : [], e.values === undefined));
  }
  // Go's sort.Sort is not stable; a stable sort is one of its valid outcomes.
  return new InternalSelector(reqs.sort(byKey));
}

/** labels.SelectorFromSet (no validation): undefined or {} → Everything. */
export function labelSelectorFromSet(set: Readonly<Record<string, string>> | null | undefined): LabelSelector {
  if (!set) return EVERYTHING;
  const keys = Object.keys(set);
  if (keys.length === 0) return EVERYTHING;
  keys.sort();
  return new InternalSelector(keys.map((k) => ({ key: k, operator: '=' as const, values: [set[k]] })));
}
