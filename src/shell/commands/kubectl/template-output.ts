// The template-driven output formats of kubectl's printing flags: where the template text comes
// from (`-o FMT=TEXT`, `--template TEXT`, or a file of the shell's filesystem for the *-file
// formats), kubectl's reading errors, and the debugging dump printed when a Go template fails.
// Models k8s.io/cli-runtime/pkg/genericclioptions/{template_flags.go,jsonpath_flags.go,
// kube_template_flags.go} and printers/template.go. Leaves out: --allow-missing-template-keys=false.
import type { Invocation } from './command';
import { KubectlError } from './client';
import type { GoTemplate } from './go-template';
import { GoTemplateError, GoTemplateExecError, executeGoTemplate, goTemplateDataText, parseGoTemplate } from './go-template';
import { toGoJsonCompact } from './yaml';

export const FILE_FORMATS = ['go-template-file', 'templatefile', 'jsonpath-file', 'custom-columns-file'];

/** The template text for an output format: inline, from --template, or read from a file. */
export function templateText(fmt: string, arg: string, inv: Pick<Invocation, 'flags' | 'ctx'> | undefined): string {
  const fromFlag = inv && inv.flags.p.values.has('template') ? inv.flags.str('template') : '';
  const value = arg || fromFlag;
  if (!value) {
    if (fmt === 'custom-columns' || fmt === 'custom-columns-file') throw new KubectlError('error: custom-columns format specified but no custom columns given');
    throw new KubectlError('error: template format specified but no template given');
  }
  if (!FILE_FORMATS.includes(fmt)) return value;
  const fs = inv?.ctx.fs;
  const abs = fs ? fs.resolve(value, inv.ctx.cwd) : value;
  if (!fs || !fs.exists(abs) || fs.isDir(abs)) {
    const what = fmt === 'custom-columns-file' ? 'template' : '--template';
    const why = fs && fs.exists(abs) ? 'is a directory' : 'no such file or directory';
    throw new KubectlError(`error: error reading ${what} ${value}, ${fs && fs.exists(abs) ? 'read' : 'open'} ${value}: ${why}`);
  }
  return fs.readFile(abs);
}

/** custom-columns-file: a header line and a line of JSONPath expressions, whitespace-separated. */
export function customColumnsFromFile(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const headers = (lines[0] ?? '').trim().split(/\s+/);
  const paths = (lines[1] ?? '').trim().split(/\s+/);
  if (lines.length < 2 || headers.length !== paths.length) {
    throw new KubectlError(`error: expected ${headers.length} columns, got ${lines.length < 2 ? 0 : paths.length}`);
  }
  return headers.map((h, i) => `${h}:${paths[i]}`).join(',');
}

/** Parses a Go template as kubectl does, with its error wording. */
export function parseKubectlGoTemplate(src: string): GoTemplate {
  try {
    return parseGoTemplate(src);
  } catch (e) {
    if (e instanceof GoTemplateError) throw new KubectlError(`error: error parsing template ${src}, ${e.message}`);
    throw e;
  }
}

/** Go's %q of a string (the template in kubectl's execution error). */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

/** Executes a Go template printer; on failure prints kubectl's debugging dump to `out` and throws. */
export function printGoTemplate(tpl: GoTemplate, data: unknown, out: (s: string) => void): void {
  try {
    out(executeGoTemplate(tpl, data));
  } catch (e) {
    if (!(e instanceof GoTemplateExecError)) throw e;
    out(
      e.partial +
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${tpl.src}\n` +
        `\traw data was:\n\t\t${toGoJsonCompact(data)}\n` +
        `\tobject given to template engine was:\n\t\t${goTemplateDataText(data)}\n\n`,
    );
    throw new KubectlError(`error: error executing template ${goQuote(tpl.src)}: ${e.message}`);
  }
}
