// Table tests modelled on apimachinery/pkg/util/validation/validation_test.go: valid and
// invalid values and the exact error strings.
import { describe, it, expect } from 'vitest';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isConfigMapKey,
  isRelaxedEnvVarName,
  nameValidatorFor,
} from './names';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('DNS names', () => {
  it('accepts good DNS-1123 labels and subdomains', () => {
    const good = ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '1-2', 'a'.repeat(63)];
    expect(good.flatMap(isDNS1123Label)).toEqual([]);
    expect(['a.b', 'a.b.c', '1.2.3.4', 'a-1.b-2', 'a'.repeat(253)].flatMap(isDNS1123Subdomain)).toEqual([]);
  });
  it('reports upstream messages for bad labels', () => {
    expect(isDNS1123Label('A')).toEqual([LABEL_MSG]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('')).toEqual([LABEL_MSG]);
    expect(isDNS1123Subdomain('Foo')).toEqual([SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a..b')).toEqual([SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isDNS1035Label('1abc')).toEqual([DNS1035_MSG]);
    expect(isDNS1035Label('abc-123')).toEqual([]);
  });
  it('masks a trailing dash of a generateName prefix', () => {
    expect(nameValidatorFor('Pod')('web-', true)).toEqual([]);
    expect(nameValidatorFor('Pod')('web-', false)).toEqual([SUBDOMAIN_MSG]);
    expect(nameValidatorFor('Service')('1web', false)).toEqual([DNS1035_MSG]);
    expect(nameValidatorFor('Namespace')('a.b', false)).toEqual(['must not contain dots']);
    expect(nameValidatorFor('ConfigMap')('a.b', false)).toEqual([]);
  });
});

describe('qualified names and label values', () => {
  it('accepts valid keys', () => {
    const good = ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'example.com/Simple_Name', 'a'.repeat(63), 'a'.repeat(253) + '/a'];
    expect(good.flatMap(isQualifiedName)).toEqual([]);
  });
  it('reports each part', () => {
    expect(isQualifiedName('nospecialchars%^=@')).toEqual([NAME_PART_MSG]);
    expect(isQualifiedName('example.com/')).toEqual(['name part must be non-empty', NAME_PART_MSG]);
    expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Example.com/x')).toEqual([`prefix part ${SUBDOMAIN_MSG}`]);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
  });
  it('validates label values', () => {
    expect(['', 'simple', 'now-with-dashes', 'a_b.c'].flatMap(isValidLabelValue)).toEqual([]);
    expect(isValidLabelValue('bad value')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
    expect(isValidLabelValue('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('ports, config keys, env names', () => {
  it('IANA service names', () => {
    expect(['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c-3-d-4'].flatMap(isValidPortName)).toEqual([]);
    expect(isValidPortName('HTTP-PORT-NAME-TOO-LONG')).toEqual([
      'must be no more than 15 characters',
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must contain at least one letter (a-z)',
    ]);
    expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']);
    expect(isValidPortName('-ab')).toEqual(['must not begin or end with a hyphen']);
    expect(isValidPortName('1234')).toEqual(['must contain at least one letter (a-z)']);
  });
  it('config map keys', () => {
    expect(['a', 'A', 'a-b', 'a_b', 'a.b', '.a'].flatMap(isConfigMapKey)).toEqual([]);
    expect(isConfigMapKey('..a')).toEqual(["must not start with '..'"]);
    expect(isConfigMapKey('a b')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });
  it('relaxed env var names', () => {
    expect(['A', 'a b', '1A', '$x'].flatMap(isRelaxedEnvVarName)).toEqual([]);
    expect(isRelaxedEnvVarName('A=B')).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
  });
});

describe('RFC 1123 fast path', () => {
  it('agrees with the upstream regexes on every string of up to 4 characters from a-b, 0, -, ., A, é', () => {
    const alphabet = ['a', 'b', '0', '-', '.', 'A', 'é'];
    const labelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
    const subdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    let all = [''];
    const strings: string[] = [''];
    for (let len = 1; len <= 4; len++) {
      all = all.flatMap((s) => alphabet.map((c) => s + c));
      strings.push(...all);
    }
    const disagreements = strings.filter((s) => (isDNS1123Label(s).length === 0) !== labelRe.test(s) || (isDNS1123Subdomain(s).length === 0) !== subdomainRe.test(s));
    expect(disagreements).toEqual([]);
    expect(isDNS1123Label('a-b')).toEqual([]);
    expect(isDNS1123Subdomain('pod-00001.18ea52741609fbe8')).toEqual([]);
    expect(isDNS1123Subdomain('a.'.repeat(126) + 'b')).toEqual([]);
    expect(isDNS1123Subdomain('a.'.repeat(127) + 'b')).toEqual(['must be no more than 253 characters']);
  });
});
