import { paint } from '../output/color.ts';

/** One finding about a topology file, located in the file. Errors fail validation; warnings are only printed. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  /** Where in the document, dotted: `clusters.orders.proxy.ha.vip.address`. Empty for the whole file. */
  path: string;
  message: string;
  /** What to do about it, when there is something better to say than the message. */
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const label = d.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const at = d.path ? ` ${paint('dim', `(at ${d.path})`)}` : '';
  const hint = d.hint ? `\n  ${paint('cyan', 'hint:')} ${d.hint}` : '';
  return `${paint('bold', where)}: ${label}: ${d.message}${at}${hint}`;
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}
