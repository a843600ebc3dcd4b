// Lab step texts (Markdown) as React elements, built from marked's token stream (marked.lexer):
// paragraphs, headings, lists, emphasis, inline code, links, block quotes and code blocks. Every
// piece of text becomes a React text child, so raw HTML in the Markdown shows as text and is
// never parsed (no dangerouslySetInnerHTML, DESIGN.md §6). Lines of ```sh blocks get a
// "Run in terminal" button. Leaves out: images (their alt text shows), tables (shown as text).
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { marked } from 'marked';
import type { Token, Tokens } from 'marked';

export interface MarkdownOptions {
  /** Runs a command of a ```sh block in the terminal. */
  onRun(line: string): void;
  /** Accessible name of the run button for a line ("Run in terminal: kubectl get pods"). */
  runLabel(line: string): string;
  /** Visible text of the run button. */
  runText: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** marked escapes text and inline code in its tokens; this turns the entities back into text. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Only web links are followed; anything else (javascript:, data:) renders as its text. */
function safeHref(href: string): string | undefined {
  return /^https?:\/\//i.test(href.trim()) ? href.trim() : undefined;
}

/**
 * The commands of a ```sh block, one per line, except that a heredoc (`cat <<EOF > f`, its lines,
 * `EOF`) is one command. Blank lines and `#` comments are shown but not runnable.
 */
export function shCommands(text: string): { lines: string[]; command: string | undefined }[] {
  const out: { lines: string[]; command: string | undefined }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const here = /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(line);
    if (here) {
      const group = [line];
      while (i + 1 < lines.length) {
        const next = lines[++i];
        group.push(next);
        if (next.trim() === here[2]) break;
      }
      out.push({ lines: group, command: group.join('\n') });
      continue;
    }
    const runnable = line.trim() !== '' && !line.trim().startsWith('#');
    out.push({ lines: [line], command: runnable ? line.trim() : undefined });
  }
  return out;
}

function inline(tokens: readonly Token[] | undefined, key = ''): ReactNode[] {
  return (tokens ?? []).map((tok, i) => inlineToken(tok, `${key}${i}`));
}

function inlineToken(tok: Token, key: string): ReactNode {
  switch (tok.type) {
    case 'text': {
      const t = tok as Tokens.Text;
      return t.tokens && t.tokens.length > 0 ? <Fragment key={key}>{inline(t.tokens, `${key}.`)}</Fragment> : <Fragment key={key}>{decodeEntities(t.text)}</Fragment>;
    }
    case 'escape':
      return <Fragment key={key}>{decodeEntities((tok as Tokens.Escape).text)}</Fragment>;
    case 'strong':
      return <strong key={key}>{inline((tok as Tokens.Strong).tokens, `${key}.`)}</strong>;
    case 'em':
      return <em key={key}>{inline((tok as Tokens.Em).tokens, `${key}.`)}</em>;
    case 'del':
      return <del key={key}>{inline((tok as Tokens.Del).tokens, `${key}.`)}</del>;
    case 'codespan':
      return <code key={key}>{decodeEntities((tok as Tokens.Codespan).text)}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const l = tok as Tokens.Link;
      const href = safeHref(l.href);
      const text = plainText(l.tokens);
      return href ? <a key={key} href={href} rel="noopener noreferrer" target="_blank">{text}</a> : <Fragment key={key}>{text}</Fragment>;
    }
    case 'image':
      return <Fragment key={key}>{decodeEntities((tok as Tokens.Image).text)}</Fragment>;
    default:
      // Raw HTML and anything unknown: its source, as text.
      return <Fragment key={key}>{'raw' in tok ? String(tok.raw) : ''}</Fragment>;
  }
}

/** The text of inline tokens without markup (link texts). */
function plainText(tokens: readonly Token[] | undefined): string {
  return (tokens ?? [])
    .map((t) => {
      const c = t as Token & { tokens?: Token[]; text?: string };
      if (c.tokens && c.tokens.length > 0) return plainText(c.tokens);
      return t.type === 'html' ? t.raw : decodeEntities(c.text ?? '');
    })
    .join('');
}

function block(tokens: readonly Token[], opts: MarkdownOptions, key: string): ReactNode[] {
  return tokens.map((tok, i) => blockToken(tok, opts, `${key}${i}`));
}

function blockToken(tok: Token, opts: MarkdownOptions, key: string): ReactNode {
  switch (tok.type) {
    case 'space':
    case 'hr':
      return tok.type === 'hr' ? <hr key={key} /> : null;
    case 'paragraph':
      return <p key={key}>{inline((tok as Tokens.Paragraph).tokens, `${key}.`)}</p>;
    case 'heading':
      // Step titles are h4; every heading inside a step is h5, so no level is skipped.
      return <h5 key={key}>{inline((tok as Tokens.Heading).tokens, `${key}.`)}</h5>;
    case 'text': {
      const t = tok as Tokens.Text;
      return <Fragment key={key}>{t.tokens ? inline(t.tokens, `${key}.`) : decodeEntities(t.text)}</Fragment>;
    }
    case 'list': {
      const l = tok as Tokens.List;
      const items = l.items.map((it, j) => <li key={j}>{block(it.tokens, opts, `${key}.${j}.`)}</li>);
      return l.ordered ? <ol key={key} start={typeof l.start === 'number' && l.start !== 1 ? l.start : undefined}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    case 'blockquote':
      return <blockquote key={key}>{block((tok as Tokens.Blockquote).tokens, opts, `${key}.`)}</blockquote>;
    case 'code': {
      const c = tok as Tokens.Code;
      if ((c.lang ?? '').split(/\s/)[0] === 'sh') return <ShBlock key={key} text={c.text} opts={opts} />;
      return <pre key={key} className="lab-code"><code>{c.text}</code></pre>;
    }
    default:
      // Raw HTML blocks, tables and anything else: the source, as text.
      return <p key={key} className="lab-raw">{tok.raw}</p>;
  }
}

function ShBlock({ text, opts }: { text: string; opts: MarkdownOptions }) {
  return (
    <div className="lab-sh">
      {shCommands(text).map((c, i) => (
        <div className="lab-sh-line" key={i}>
          <code>{c.lines.join('\n')}</code>
          {c.command !== undefined && (
            <button type="button" className="lab-run" aria-label={opts.runLabel(c.lines[0].trim())} onClick={() => opts.onRun(c.command as string)}>
              {opts.runText}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

/** The Markdown text as React elements. */
export function renderMarkdown(md: string, opts: MarkdownOptions): ReactNode {
  return <>{block(marked.lexer(md), opts, '')}</>;
}
