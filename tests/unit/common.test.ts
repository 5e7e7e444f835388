import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idParam, isRealDate, isoDate, toFieldIssues, validationMessages } from '../../src/domain/common';

describe('isRealDate', () => {
  it.each(['2022-06-22', '2022-02-28', '2024-02-29', '2000-02-29', '2022-12-31', '2022-01-01'])('accepts %s', (value) => {
    expect(isRealDate(value)).toBe(true);
  });

  it.each([
    '2022-02-30',
    '2022-02-29',
    '1900-02-29',
    '2022-04-31',
    '2022-13-01',
    '2022-00-01',
    '2022-01-00',
    '2022-1-01',
    '22-01-01',
    '2022/01/01',
    '2022-01-01T00:00:00Z',
    ' 2022-01-01',
    '',
    'hoy',
  ])('refuses %j', (value) => {
    expect(isRealDate(value)).toBe(false);
  });

  it('is what isoDate uses, with a Spanish message', () => {
    const result = isoDate.safeParse('2022-02-30');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe(validationMessages.invalidDate);
    expect(isoDate.safeParse('2022-02-28').success).toBe(true);
  });
});

describe('idParam', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ])('accepts %s', (value, expected) => {
    expect(idParam.parse(value)).toBe(expected);
  });

  it.each(['abc', '-1', '0', '1.5', '99999999999999999999', '9007199254740992', '', '1abc'])('refuses %j', (value) => {
    expect(idParam.safeParse(value).success).toBe(false);
  });
});

describe('toFieldIssues', () => {
  const schema = z.strictObject({ a: z.strictObject({ b: z.array(z.string().max(2, { error: 'Máximo 2 caracteres.' })) }) });

  it('joins paths with dots and keeps the schema message', () => {
    const result = schema.safeParse({ a: { b: ['ok', 'largo'] } });
    expect(toFieldIssues(result.error!)).toEqual([{ path: 'a.b.1', message: 'Máximo 2 caracteres.' }]);
  });

  it('reports each unknown key at its own path', () => {
    const result = schema.safeParse({ a: { b: [], c: 1, d: 2 } });
    expect(toFieldIssues(result.error!)).toEqual([
      { path: 'a.c', message: validationMessages.unknownField },
      { path: 'a.d', message: validationMessages.unknownField },
    ]);
  });

  it('never passes on zod English defaults', () => {
    const result = schema.safeParse({ a: { b: 'no es lista' } });
    expect(toFieldIssues(result.error!)).toEqual([{ path: 'a.b', message: validationMessages.expectedList }]);
    const root = schema.safeParse('texto');
    expect(toFieldIssues(root.error!)).toEqual([{ path: '', message: validationMessages.expectedObject }]);
  });
});
