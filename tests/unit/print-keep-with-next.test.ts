import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../src/export/document-model';
import { keepHeadingsWithNext } from '../../src/client/features/reports/export/report-print-document';

const heading = (text: string, level = 1): DocBlock => ({ type: 'heading', level, text, number: '', anchor: null, pageBreakBefore: false }) as unknown as DocBlock;
const para = (text: string): DocBlock => ({ type: 'paragraph', runs: [{ text }] }) as unknown as DocBlock;
const text = (b: DocBlock) => ('text' in b ? String(b.text) : (b as { runs: { text: string }[] }).runs[0].text);

describe('print view: headings kept with what follows', () => {
  it('puts each heading, or run of headings, in one group with the next block; other blocks stand alone', () => {
    const groups = keepHeadingsWithNext([heading('1'), heading('1.1', 2), para('a'), para('b'), heading('2'), para('c'), heading('fin')]);
    expect(groups.map((g) => g.map(text))).toEqual([['1', '1.1', 'a'], ['b'], ['2', 'c'], ['fin']]);
  });
});
