/** One column of a plain-text table: its header and how a row reads in it. */
export interface TableColumn<Row> {
  header: string;
  cell: (row: Row) => string;
  /** Numbers read best right-aligned. Default `left`. */
  align?: 'left' | 'right';
}

/**
 * Lays rows out as a plain-text table (header, dashed rule, one line per row), padded so the
 * columns line up in any terminal and in CI logs, which show no colours or box characters.
 *
 * @example
 * formatTable([{ header: 'kit', cell: (r: { n: string }) => r.n }], [{ n: 'plaid' }]);
 * // → 'kit\n-----\nplaid'
 */
export function formatTable<Row>(columns: ReadonlyArray<TableColumn<Row>>, rows: readonly Row[]) {
  const cells = rows.map((row) => columns.map((column) => oneLine(column.cell(row))));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]?.length ?? 0)),
  );
  const pad = (text: string, index: number) => {
    const width = widths[index] ?? 0;
    return columns[index]?.align === 'right' ? text.padStart(width) : text.padEnd(width);
  };
  const line = (texts: readonly string[]) => texts.map(pad).join('  ').replace(/\s+$/, '');
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [header, rule, ...cells.map(line)].join('\n');
}

/** A cell is one line: newlines and runs of spaces inside a value would break the layout. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
