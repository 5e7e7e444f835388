import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatDuration, formatMinSec, parseCount, parseDuration, toFigure } from '../../src/domain/metrics-format';

describe('parseCount (es-CO)', () => {
  it.each([
    ['236', 236],
    ['12.345', 12345],
    [' 1.234 ', 1234],
    ['1.234.567', 1234567],
    ['1,5', 1.5],
    ['0', 0],
    ['12\u00a0345', 12345],
  ])('reads %j as an exact %d', (text, value) => {
    expect(parseCount(text)).toEqual({ ok: true, value, approximate: false, margin: 0 });
  });

  it.each([
    ['1,7 mil', 1700, 50],
    ['1,1 mil', 1100, 50],
    ['17 mil', 17000, 500],
    ['1,7 K', 1700, 50],
    ['1,2 M', 1200000, 50000],
    ['3 M', 3000000, 500000],
    ['1,2 millones', 1200000, 50000],
  ])('reads the compact %j as approximately %d (± %d)', (text, value, margin) => {
    expect(parseCount(text)).toEqual({ ok: true, value, approximate: true, margin });
  });

  it('keeps a leading ≈ as approximate', () => {
    expect(parseCount('≈ 650')).toMatchObject({ ok: true, value: 650, approximate: true });
  });

  it.each(['abc', '1.5', '12.34', '1,2,3', '1,7 kilos', '', '   '])('refuses %j with a Spanish message', (text) => {
    const result = parseCount(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/número|Escriba un valor/);
  });

  it('refuses negative numbers', () => {
    expect(parseCount('-3')).toEqual({ ok: false, message: 'El valor no puede ser negativo.' });
  });

  it('refuses decimals for whole counts and hints at the English thousands separator', () => {
    expect(parseCount('1,5', { integer: true })).toEqual({ ok: false, message: '«1,5» no es un número entero.' });
    expect(parseCount('1,234', { integer: true })).toEqual({
      ok: false,
      message: '«1,234» no es un número entero. Si copió una cifra en inglés, escriba 1.234 (punto para miles).',
    });
    expect(parseCount('1,7 mil', { integer: true })).toMatchObject({ ok: true, value: 1700 });
  });

  it('turns a parse into a stored figure', () => {
    const compact = parseCount('1,7 mil');
    const plain = parseCount('236');
    if (!compact.ok || !plain.ok) throw new Error('parse failed');
    expect(toFigure(compact)).toEqual({ value: 1700, approximate: true, margin: 50 });
    expect(toFigure(plain)).toEqual({ value: 236, approximate: false });
  });
});

describe('parseDuration', () => {
  it.each([
    ['01:11:33', 4293],
    ['1:11:33', 4293],
    ['09:09:57', 32997],
    ['19:13:05', 69185],
    ['13:27:27', 48447],
    ['0:02:26', 146],
    ['56:39', 3399],
    ['42:34', 2554],
    ['2:42', 162],
    ['0:41', 41],
    ['1:04', 64],
    ['75:10', 4510],
    ['4293', 4293],
    ['0', 0],
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: seconds, approximate: false, margin: 0 });
  });

  it('reads Meta minutes when told the plain number is minutes', () => {
    expect(parseDuration('627', { plainUnit: 'minutes' })).toEqual({ ok: true, value: 37620, approximate: false, margin: 0 });
    expect(parseDuration('1,7 mil', { plainUnit: 'minutes' })).toEqual({ ok: true, value: 102000, approximate: true, margin: 3000 });
    expect(parseDuration('2,5', { plainUnit: 'minutes' })).toEqual({ ok: true, value: 150, approximate: false, margin: 0 });
  });

  it.each(['1:60', '1:75:00', '1:5:00', '2:4'])('refuses %j (minutes or seconds out of range)', (text) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
  });

  it('reads durations written with units: 1 hora, 1 h 11 min 33 s, 2 min 42 s', () => {
    expect(parseDuration('1 hora')).toMatchObject({ ok: true, value: 3600 });
    expect(parseDuration('1 h 11 min 33 s')).toMatchObject({ ok: true, value: 4293 });
    expect(parseDuration('2 min 42 s')).toMatchObject({ ok: true, value: 162 });
  });

  it.each(['abc', '', '1:2:3:4', '-5', '1 día'])('refuses %j with a Spanish message', (text) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/duración|Escriba un valor|negativo/);
  });
});

describe('formatting es-CO', () => {
  it('formats counts with dots for thousands and ≈ for approximate figures', () => {
    expect(formatCount(1700)).toBe('1.700');
    expect(formatCount(12345)).toBe('12.345');
    expect(formatCount(236)).toBe('236');
    expect(formatCount(1.5)).toBe('1,5');
    expect(formatCount(1700, { approximate: true })).toBe('≈ 1.700');
  });

  it('formats compact figures as Meta prints them', () => {
    expect(formatCompact(1700)).toBe('1,7 mil');
    expect(formatCompact(1100)).toBe('1,1 mil');
    expect(formatCompact(17000)).toBe('17 mil');
    expect(formatCompact(1200000)).toBe('1,2 M');
    expect(formatCompact(236)).toBe('236');
  });

  it('formats durations as hh:mm:ss and m:ss', () => {
    expect(formatDuration(4293)).toBe('01:11:33');
    expect(formatDuration(32997)).toBe('09:09:57');
    expect(formatDuration(0)).toBe('00:00:00');
    expect(formatDuration(102000, { approximate: true })).toBe('≈ 28:20:00');
    expect(formatMinSec(162)).toBe('2:42');
    expect(formatMinSec(41)).toBe('0:41');
    expect(formatMinSec(4293)).toBe('71:33');
  });

  it('round-trips what it prints', () => {
    for (const seconds of [0, 41, 162, 3399, 4293, 48447]) {
      expect(parseDuration(formatDuration(seconds))).toMatchObject({ ok: true, value: seconds });
      expect(parseDuration(formatMinSec(seconds))).toMatchObject({ ok: true, value: seconds });
    }
    for (const n of [0, 236, 1700, 12345, 1234567]) expect(parseCount(formatCount(n))).toMatchObject({ ok: true, value: n, approximate: false });
    expect(parseCount(formatCompact(1700))).toMatchObject({ ok: true, value: 1700, approximate: true });
  });
});
