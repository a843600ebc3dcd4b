// Scans every component of src/ui for user-visible text written as a literal instead of going
// through i18next: JSX text, string literals shown as JSX children (also through ?:, ??, ||,
// &&), and the attributes people and screen readers read (aria-label, title, placeholder, alt…).
// Allowed: kubectl's own column headers (kubectl output is never translated) and the language
// names, which each language writes in itself.
import { describe, it, expect } from 'vitest';
import ts from 'typescript';

const sources = import.meta.glob<string>('../**/*.tsx', { query: '?raw', import: 'default', eager: true });

const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt']);

/** Literals that are not UI text: kubectl's table headers and the language endonyms. */
const ALLOWED = new Set(['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE', 'Español', 'English']);

const hasWords = (s: string) => /\p{L}{2,}/u.test(s.replace(/\{\{[^}]*\}\}/g, ''));

/** Literal strings an expression can evaluate to, through ?:, ??, || and && (not through calls). */
function literalsOf(e: ts.Expression): ts.StringLiteralLike[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e];
  if (ts.isParenthesizedExpression(e)) return literalsOf(e.expression);
  if (ts.isConditionalExpression(e)) return [...literalsOf(e.whenTrue), ...literalsOf(e.whenFalse)];
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)) {
    return [...literalsOf(e.left), ...literalsOf(e.right)];
  }
  return [];
}

/** Text of a template literal outside its ${} parts (`Pod ${name}` → "Pod "). */
function templateText(e: ts.TemplateExpression): string {
  return [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ');
}

function hardcodedTexts(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const report = (node: ts.Node, what: string, value: string) => {
    if (!hasWords(value) || ALLOWED.has(value.trim())) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    out.push(`${file}:${line + 1} ${what} ${JSON.stringify(value.trim())}`);
  };
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n)) report(n, 'text', n.text);
    else if (ts.isJsxExpression(n) && n.expression && !ts.isJsxAttribute(n.parent)) {
      for (const l of literalsOf(n.expression)) report(l, 'child', l.text);
    } else if (ts.isJsxAttribute(n) && READ_ATTRIBUTES.has(n.name.getText(sf)) && n.initializer) {
      const init = n.initializer;
      const name = n.name.getText(sf);
      if (ts.isStringLiteral(init)) report(init, name, init.text);
      else if (ts.isJsxExpression(init) && init.expression) {
        for (const l of literalsOf(init.expression)) report(l, name, l.text);
        if (ts.isTemplateExpression(init.expression)) report(init.expression, name, templateText(init.expression));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('hard-coded UI text', () => {
  it('finds the kinds of literal it looks for (so the scan can fail)', () => {
    const sample = [
      'const a = <p title="Open it">Hello there</p>;',
      "const b = <span aria-label={`Pod ${name}`}>{ok ? 'Done' : t('x')}</span>;",
      "const c = <td>LAST SEEN</td>;",
      "const d = <i aria-label={t('k')} data-kind=\"Pod\">{'·'} {name}</i>;",
    ].join('\n');
    expect(hardcodedTexts('sample.tsx', sample)).toEqual([
      'sample.tsx:1 title "Open it"',
      'sample.tsx:1 text "Hello there"',
      'sample.tsx:2 aria-label "Pod"',
      'sample.tsx:2 child "Done"',
    ]);
  });

  it('scans the components of src/ui', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    expect(Object.entries(sources).filter(([, text]) => !text.includes('import ')).map(([f]) => f)).toEqual([]);
    expect(sources['../App.tsx']).toContain('<main');
  });

  it('no component shows a literal instead of a translated string', () => {
    const found = Object.entries(sources).flatMap(([file, text]) => hardcodedTexts(file, text));
    expect(found).toEqual([]);
  });
});
