// Go text/template subset: expected texts were printed by kubectl v1.32.4 (`-o go-template`)
// against `npm run serve` on the default Namespace.
import { describe, expect, it } from 'vitest';
import { GoTemplateError, GoTemplateExecError, executeGoTemplate, goTemplateDataText, parseGoTemplate } from './go-template';

const ns = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { creationTimestamp: '2026-11-22T09:00:00Z', labels: { 'kubernetes.io/metadata.name': 'default' }, name: 'default', resourceVersion: '2' },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};
const pod = { spec: { activeDeadlineSeconds: 12345678, terminationGracePeriodSeconds: 1000000 }, status: { conditions: [{ lastProbeTime: null }] } };

const run = (src: string, data: unknown = ns) => executeGoTemplate(parseGoTemplate(src), data);
const execError = (src: string, data: unknown = ns): string => {
  try {
    run(src, data);
  } catch (e) {
    if (e instanceof GoTemplateExecError) return e.message;
  }
  return 'no error';
};
const parseError = (src: string): string => {
  try {
    parseGoTemplate(src);
  } catch (e) {
    if (e instanceof GoTemplateError) return e.message;
  }
  return 'no error';
};

describe('go templates', () => {
  it('prints fields, maps, lists and missing keys as Go does', () => {
    expect(run('{{.metadata.labels}} {{.spec.finalizers}} {{len .spec.finalizers}} {{index .spec.finalizers 0}} {{index .metadata.labels "kubernetes.io/metadata.name"}}')).toBe(
      'map[kubernetes.io/metadata.name:default] [kubernetes] 1 kubernetes default',
    );
    expect(run('{{.foo}}|{{.foo.bar}}')).toBe('<no value>|<no value>');
    expect(goTemplateDataText(pod)).toBe('map[spec:map[activeDeadlineSeconds:12345678 terminationGracePeriodSeconds:1000000] status:map[conditions:[map[lastProbeTime:<nil>]]]]');
  });

  it('treats whole JSON numbers as integers', () => {
    expect(run('{{.spec.activeDeadlineSeconds}} {{.spec.terminationGracePeriodSeconds}} {{printf "%d" .spec.activeDeadlineSeconds}} {{eq .spec.activeDeadlineSeconds 12345678}}', pod)).toBe('12345678 1000000 12345678 true');
  });

  it('formats printf, print and println like fmt', () => {
    expect(run('{{printf "%s-%d-%v-%q" .metadata.name 3 .spec "x"}}')).toBe('default-3-map[finalizers:[kubernetes]]-"x"');
    expect(run('{{.metadata.resourceVersion | printf "%5s"}}|{{println "a" "b"}}|{{print "a" "b" 1 2}}')).toBe('    2|a b\n|ab1 2');
    expect(run('{{printf "%v|%s|%5.1f|%-4s|%x" 1.5 3 2.25 "ab" 255}} {{printf "%s %s" "a"}} {{printf "%s" "a" "b"}}')).toBe('1.5|%!s(int=3)|  2.2|ab  |ff a %!s(MISSING) a%!(EXTRA string=b)');
    expect(run('{{printf "%05.1f|%+d|%x|%6.2f" 3.14159 5 "hi" 2.5}}')).toBe('003.1|+5|6869|  2.50');
    expect(run('{{printf "%s" .nope}} {{print .nope}}')).toBe('%!s(<nil>) <nil>');
  });

  it('runs range, if/else if, with, variables, and/or/not, comparisons and trimming', () => {
    expect(run('{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}{{range .nothing}}x{{else}}empty{{end}}')).toBe('kubernetes.io/metadata.name=default;empty');
    expect(run('{{- if eq .status.phase "Active" -}}  yes  {{- else -}} no {{- end }}')).toBe('yes');
    expect(run('{{with .metadata}}{{.name}}{{end}} {{$n := .metadata.name}}{{$n}} {{and 1 0}} {{or 0 "" "x"}} {{not true}} {{ne 1 2}} {{lt 1 2}} {{le "a" "b"}}')).toBe('default default 0 x false true true true');
    expect(run('{{range .spec.finalizers}}{{.}}{{break}}{{end}} {{if .x}}a{{else if .kind}}b{{else}}c{{end}} {{(index .spec.finalizers 0)}}')).toBe('kubernetes b kubernetes');
    expect(run('{{template "x" .}}{{define "x"}}<{{.kind}}>{{end}}')).toBe('<Namespace>');
    expect(run('{{/* c */}}a {{- /* c */ -}} b')).toBe('ab');
  });

  it('reports parse errors as text/template does', () => {
    expect(parseError('{{.metadata')).toBe('template: output:1: unclosed action');
    expect(parseError('{{nofunc 1}}')).toBe('template: output:1: function "nofunc" not defined');
    expect(parseError('{{range .items}}')).toBe('template: output:1: unexpected EOF');
    expect(parseError('{{end}}')).toBe('template: output:1: unexpected {{end}}');
    expect(parseError('{{$x}}')).toBe('template: output:1: undefined variable "$x"');
  });

  it('reports execution errors with line, column and node', () => {
    expect(execError('{{index .spec.finalizers 5}}')).toBe('template: output:1:2: executing "output" at <index .spec.finalizers 5>: error calling index: index out of range: 5');
    expect(execError('{{.metadata.name.foo}}')).toBe('template: output:1:11: executing "output" at <.metadata.name.foo>: can\'t evaluate field foo in type interface {}');
    expect(execError('A{{.metadata.name}}{{len 3}}B')).toBe('template: output:1:21: executing "output" at <len 3>: error calling len: len of type int');
    expect(execError('{{eq 1 1.0}}')).toBe('template: output:1:2: executing "output" at <eq 1 1.0>: error calling eq: incompatible types for comparison');
    expect(execError('{{.kind 1}}')).toBe('template: output:1:2: executing "output" at <.kind>: kind is not a method but has arguments');
    expect(execError('{{.metadata.labels.a | base64decode}}', { metadata: { labels: { a: '1' } } })).toBe(
      'template: output:1:23: executing "output" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0',
    );
  });
});
