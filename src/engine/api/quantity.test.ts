// Table tests modelled on apimachinery/pkg/api/resource/quantity_test.go
// (TestQuantityParse, TestQuantityString, invalid inputs) plus MilliValue()/Value().
import { describe, it, expect } from 'vitest';
import { parseQuantity, quantityToString, milliValue, value, canonicalQuantity } from './quantity';

describe('parseQuantity', () => {
  // input -> [canonical string, format]
  const table: [string, string, string][] = [
    ['0', '0', 'DecimalSI'],
    ['0n', '0', 'DecimalSI'],
    ['0Ki', '0', 'BinarySI'],
    ['1', '1', 'DecimalSI'],
    ['1Ki', '1Ki', 'BinarySI'],
    ['8Ki', '8Ki', 'BinarySI'],
    ['7Mi', '7Mi', 'BinarySI'],
    ['6Gi', '6Gi', 'BinarySI'],
    ['5Ti', '5Ti', 'BinarySI'],
    ['4Pi', '4Pi', 'BinarySI'],
    ['3Ei', '3Ei', 'BinarySI'],
    ['10Ti', '10Ti', 'BinarySI'],
    ['5n', '5n', 'DecimalSI'],
    ['4u', '4u', 'DecimalSI'],
    ['3m', '3m', 'DecimalSI'],
    ['8k', '8k', 'DecimalSI'],
    ['50k', '50k', 'DecimalSI'],
    ['7M', '7M', 'DecimalSI'],
    ['40T', '40T', 'DecimalSI'],
    ['1E', '1E', 'DecimalSI'],
    ['1E-3', '1e-3', 'DecimalExponent'],
    ['1e3', '1e3', 'DecimalExponent'],
    ['1E6', '1e6', 'DecimalExponent'],
    ['1e14', '100e12', 'DecimalExponent'],
    ['100.035k', '100035', 'DecimalSI'],
    ['0.001', '1m', 'DecimalSI'],
    ['0.0005k', '500m', 'DecimalSI'],
    ['0.5', '500m', 'DecimalSI'],
    ['0.50000', '500m', 'DecimalSI'],
    ['0.5e0', '500e-3', 'DecimalExponent'],
    ['10.035M', '10035k', 'DecimalSI'],
    ['1.2e3', '1200', 'DecimalExponent'],
    ['1.3E+6', '1300e3', 'DecimalExponent'],
    ['9.01', '9010m', 'DecimalSI'],
    ['2.5P', '2500T', 'DecimalSI'],
    ['3.001n', '4n', 'DecimalSI'],
    ['1.1E-9', '2e-9', 'DecimalExponent'],
    ['0.0000000001', '1n', 'DecimalSI'],
    ['0.00000012345', '124n', 'DecimalSI'],
    ['9Ei', '9223372036854775807', 'BinarySI'],
    ['12E', '12E', 'DecimalSI'],
    ['100.035Ki', '102435840m', 'BinarySI'],
    ['0.5Mi', '512Ki', 'BinarySI'],
    ['0.000000000001Ki', '2n', 'DecimalSI'],
    ['.001', '1m', 'DecimalSI'],
    ['1.', '1', 'DecimalSI'],
    ['1.G', '1G', 'DecimalSI'],
    ['1500m', '1500m', 'DecimalSI'],
    ['1536Mi', '1536Mi', 'BinarySI'],
    ['1024Mi', '1Gi', 'BinarySI'],
    ['1000Ki', '1000Ki', 'BinarySI'],
    ['1000', '1k', 'DecimalSI'],
    ['-1.5', '-1500m', 'DecimalSI'],
    ['+128Mi', '128Mi', 'BinarySI'],
    ['-3Ki', '-3Ki', 'BinarySI'],
  ];
  for (const [input, canonical, format] of table) {
    it(`${input} -> ${canonical}`, () => {
      const q = parseQuantity(input);
      expect(q).not.toBeNull();
      expect(q?.format).toBe(format);
      expect(q && quantityToString(q)).toBe(canonical);
    });
  }

  it('rejects invalid strings', () => {
    const bad = ['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', '1e4294967297', ' 1', '1 ', '1e', '10 Mi'];
    expect(bad.filter((s) => parseQuantity(s) !== null)).toEqual([]);
  });

  it('formats BinarySI values below 1024 and fractional ones as DecimalSI (TestQuantityString)', () => {
    expect(canonicalQuantity('0.5Ki')).toBe('512');
    expect(canonicalQuantity('100.5Ki')).toBe('102912');
    expect(canonicalQuantity('1023')).toBe('1023');
    expect(quantityToString({ milli: 1500, format: 'BinarySI' })).toBe('1500m');
    expect(quantityToString({ milli: 2048000, format: 'BinarySI' })).toBe('2Ki');
  });
});

describe('milliValue / value', () => {
  it('rounds up like MilliValue() and Value()', () => {
    expect([milliValue('100m'), milliValue('2'), milliValue('0.5'), milliValue('1n'), milliValue('1.5u')]).toEqual([100, 2000, 500, 1, 1]);
    expect([value('1Ki'), value('1Gi'), value('128Mi'), value('1.5'), value('1m'), value('1e3')]).toEqual([
      1024, 1073741824, 134217728, 2, 1, 1000,
    ]);
    expect(value('junk')).toBe(0);
  });
  it('exposes milli on the parsed quantity', () => {
    expect(parseQuantity('250m')?.milli).toBe(250);
    expect(parseQuantity('9Ei')?.milli).toBe(9223372036854775807000n);
  });
});
