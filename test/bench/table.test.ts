import { describe, expect, it } from 'vitest';
import { formatTable } from '../../bench/table.js';

interface Row {
  name: string;
  gzip: string;
}

const columns = [
  { header: 'subject', cell: (row: Row) => row.name },
  { header: 'gzip', cell: (row: Row) => row.gzip, align: 'right' as const },
];

describe('formatTable', () => {
  it('pads every column to its widest cell and right-aligns numbers', () => {
    const text = formatTable(columns, [
      { name: 'react-plaid-link', gzip: '2.6 KB' },
      { name: 'kit', gzip: '31.0 KB' },
    ]);
    expect(text.split('\n')).toEqual([
      'subject              gzip',
      '----------------  -------',
      'react-plaid-link   2.6 KB',
      'kit               31.0 KB',
    ]);
  });

  it('widens a column to its header when every cell is shorter', () => {
    const text = formatTable(columns, [{ name: 'a', gzip: '1' }]);
    expect(text.split('\n')).toEqual(['subject  gzip', '-------  ----', 'a           1']);
  });

  it('keeps each row on one line when a cell holds newlines or runs of spaces', () => {
    const text = formatTable(columns, [{ name: 'two\nlines   here ', gzip: '1' }]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text.split('\n')[2]).toBe('two lines here     1');
  });

  it('leaves no trailing spaces, so CI logs diff cleanly', () => {
    const text = formatTable(
      [
        { header: 'a', cell: (row: Row) => row.gzip, align: 'right' as const },
        { header: 'notes', cell: (row: Row) => row.name },
      ],
      [
        { name: '', gzip: '10' },
        { name: 'long note', gzip: '1' },
      ],
    );
    for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
  });

  it('prints the header and rule alone for no rows', () => {
    expect(formatTable(columns, [])).toBe('subject  gzip\n-------  ----');
  });
});
