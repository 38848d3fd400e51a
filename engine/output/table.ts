import { stripVTControlCharacters } from 'node:util';

/** Renders rows as an aligned plain-text table; cells may carry colour codes, which do not count towards widths. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(visibleLength(title), ...rows.map((row) => visibleLength(row[i] ?? ''))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleLength(cell)))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length;
}
