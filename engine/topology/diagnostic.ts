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

/** Past this many, more findings only bury the first ones (and printing 50,000 of them takes a while). */
export const MAX_SHOWN_DIAGNOSTICS = 100;

/** The first MAX_SHOWN_DIAGNOSTICS, and a line saying how many more there are. */
export function formatDiagnostics(diagnostics: Diagnostic[]): string {
  const { shown, omitted } = capDiagnostics(diagnostics);
  const lines = shown.map(formatDiagnostic);
  if (omitted > 0) lines.push(`... and ${omitted} more not shown; fix these and run again`);
  return lines.join('\n');
}

export function capDiagnostics(diagnostics: Diagnostic[]): { shown: Diagnostic[]; omitted: number } {
  return { shown: diagnostics.slice(0, MAX_SHOWN_DIAGNOSTICS), omitted: Math.max(0, diagnostics.length - MAX_SHOWN_DIAGNOSTICS) };
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}
