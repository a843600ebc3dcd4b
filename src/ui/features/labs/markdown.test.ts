// The lab Markdown renderer: marked's tokens become React elements (checked as static markup),
// raw HTML shows as text, links are web links only, and ```sh lines (heredocs whole) get a run button.
import { describe, it, expect } from 'vitest';
import { isValidElement } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { decodeEntities, renderMarkdown, shCommands } from './markdown';

const ran: string[] = [];
const opts = { onRun: (l: string) => void ran.push(l), runLabel: (l: string) => `Run in terminal: ${l}`, runText: 'Run' };
const html = (md: string) => renderToStaticMarkup(renderMarkdown(md, opts) as ReactElement);

describe('renderMarkdown', () => {
  it('renders paragraphs, headings, lists, emphasis, inline code, links and code blocks', () => {
    expect(html('# Pods\n\nA **pod** is *one* or `more` containers: [docs](https://kubernetes.io/docs/ "t").\n\n- one\n- two `x`\n\n3. three\n4. four\n\n> note\n\n```yaml\nkind: Pod\n```\n')).toBe(
      '<h5>Pods</h5>'
      + '<p>A <strong>pod</strong> is <em>one</em> or <code>more</code> containers: <a href="https://kubernetes.io/docs/" rel="noopener noreferrer" target="_blank">docs</a>.</p>'
      + '<ul><li>one</li><li>two <code>x</code></li></ul>'
      + '<ol start="3"><li>three</li><li>four</li></ol>'
      + '<blockquote><p>note</p></blockquote>'
      + '<pre class="lab-code"><code>kind: Pod</code></pre>',
    );
  });

  it('shows raw HTML as text, never as elements', () => {
    expect(html('Look <img src=x onerror=alert(1)> here & `a<b>&c`\n\n<div onclick="x()">block</div>\n')).toBe(
      '<p>Look &lt;img src=x onerror=alert(1)&gt; here &amp; <code>a&lt;b&gt;&amp;c</code></p>'
      + '<p class="lab-raw">&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;\n</p>',
    );
  });

  it('follows only web links (javascript: shows as text)', () => {
    expect(html('[click](javascript:alert(1)) and [x](http://a.b/?q=1&r=2)')).toBe(
      '<p>click and <a href="http://a.b/?q=1&amp;r=2" rel="noopener noreferrer" target="_blank">x</a></p>',
    );
  });

  it('gives each line of an sh block a run button that sends the line', () => {
    expect(html('```sh\nkubectl get pods\n\n# a comment\nkubectl get nodes\n```\n')).toBe(
      '<div class="lab-sh">'
      + '<div class="lab-sh-line"><code>kubectl get pods</code><button type="button" class="lab-run" aria-label="Run in terminal: kubectl get pods">Run</button></div>'
      + '<div class="lab-sh-line"><code></code></div>'
      + '<div class="lab-sh-line"><code># a comment</code></div>'
      + '<div class="lab-sh-line"><code>kubectl get nodes</code><button type="button" class="lab-run" aria-label="Run in terminal: kubectl get nodes">Run</button></div>'
      + '</div>',
    );
    // The button's handler sends the line as typed.
    const root = renderMarkdown('```sh\nkubectl get pods\n```', opts);
    const button = findButton(root);
    ran.length = 0;
    (button?.props as { onClick: () => void }).onClick();
    expect(ran).toEqual(['kubectl get pods']);
  });

  it('keeps a heredoc together as one command', () => {
    expect(shCommands("kubectl get pods\ncat <<'EOF' > pod.yaml\nkind: Pod\nEOF\nkubectl apply -f pod.yaml")).toEqual([
      { lines: ['kubectl get pods'], command: 'kubectl get pods' },
      { lines: ["cat <<'EOF' > pod.yaml", 'kind: Pod', 'EOF'], command: "cat <<'EOF' > pod.yaml\nkind: Pod\nEOF" },
      { lines: ['kubectl apply -f pod.yaml'], command: 'kubectl apply -f pod.yaml' },
    ]);
  });

  it('decodes the entities marked escapes, once', () => {
    expect(decodeEntities('a &amp;lt; &lt;b&gt; &quot;c&quot; it&#39;s &#x41; &nbsp;')).toBe('a &lt; <b> "c" it\'s A &nbsp;');
  });
});

/** The first <button> element in a React tree (elements and function components' output). */
function findButton(node: ReactNode): ReactElement | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const f = findButton(n as ReactNode);
      if (f) return f;
    }
    return undefined;
  }
  if (!isValidElement(node)) return undefined;
  if (node.type === 'button') return node;
  if (typeof node.type === 'function') return findButton((node.type as (p: unknown) => ReactNode)(node.props));
  return findButton((node.props as { children?: ReactNode }).children);
}
