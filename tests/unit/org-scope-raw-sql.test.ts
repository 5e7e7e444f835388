import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { organizationTables } from '../../src/db/org-scope';

/**
 * Raw SQL (`sql\`…\``) is not transformed by the organisation scope (src/db/org-scope.ts): a raw query that reads or
 * writes an organisation's table must scope itself (`orgScope(db, alias)` in its WHERE, `organizationIdOf(db)` in an
 * INSERT's values) or say why it need not (a comment `org-scope: global ids` just above it). This test reads every
 * query file of src/db and fails on a raw query that does neither.
 */
const dir = 'src/db';
const skipped = new Set(['migrations.ts', 'engine.ts', 'org-scope.ts']);

/** The raw templates of a source text: their text (nested templates included) and where they start. */
function rawTemplates(source: string): { start: number; text: string }[] {
  const found: { start: number; text: string }[] = [];
  const opener = /\bsql(?:<[^`;]*?>)?`/g;
  let match: RegExpExecArray | null;
  while ((match = opener.exec(source))) {
    const start = match.index;
    const end = templateEnd(source, match.index + match[0].length);
    found.push({ start, text: source.slice(start, end) });
  }
  return found;
}

/** The index just after the backtick that closes the template whose text begins at `i`. */
function templateEnd(source: string, i: number): number {
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') i += 2;
    else if (ch === '`') return i + 1;
    else if (ch === '$' && source[i + 1] === '{') {
      i += 2;
      let depth = 1;
      while (i < source.length && depth > 0) {
        if (source[i] === '`') i = templateEnd(source, i + 1);
        else {
          if (source[i] === '{') depth++;
          else if (source[i] === '}') depth--;
          i++;
        }
      }
    } else i++;
  }
  return i;
}

describe('raw SQL on an organisation’s tables scopes itself', () => {
  it('every raw query of src/db that names such a table carries the scope or says why not', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !skipped.has(f))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const { start, text } of rawTemplates(source)) {
        const tables = [...text.matchAll(/\b(?:from|join|update|into)\s+([a-z_]+)/gi)].map((m) => m[1]!.toLowerCase()).filter((t) => organizationTables.has(t as never));
        if (tables.length === 0) continue;
        checked++;
        const before = source.slice(Math.max(0, source.lastIndexOf('\n', start - 1) - 400), start);
        const scoped = /orgScope\(|organizationIdOf\(/.test(text) || /org-scope: global ids/.test(text) || /org-scope: global ids[^\n]*\n[^\n]*$/.test(before);
        if (!scoped) offenders.push(`${file}:${source.slice(0, start).split('\n').length} (${[...new Set(tables)].join(', ')})`);
      }
    }
    expect(checked, 'the scanner found the raw queries it should check').toBeGreaterThan(5);
    expect(offenders, 'raw SQL without the organisation scope').toEqual([]);
  });

  it('finds a raw query without the scope (the scanner works)', () => {
    const sample = 'const x = sql`select * from forums where id = ${id}`; const y = sql`select 1 from forums f where ${orgScope(db, \'f\')}`;';
    const templates = rawTemplates(sample);
    expect(templates).toHaveLength(2);
    expect(templates[0]!.text).toContain('from forums where id');
    expect(/orgScope\(/.test(templates[0]!.text)).toBe(false);
    expect(/orgScope\(/.test(templates[1]!.text)).toBe(true);
  });
});
