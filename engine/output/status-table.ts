// The `pgtopo status` table: one line per managed object with its health and provider details.
import type { StatusRow } from '../plan/collect-status.ts';
import { paint } from './color.ts';

/** What an operator does next: what pgtopo manages, apply brings back (restarts, rejoins, re-creates). */
const REPAIR_HINT = '`pgtopo plan` shows what `pgtopo apply` would do to bring them back.';

export function renderStatusTable(rows: StatusRow[]): string {
  if (rows.length === 0) return 'Nothing is managed yet: run pgtopo apply.\n';
  const width = Math.max(...rows.map((row) => row.address.length));
  const lines = rows.map((row) => {
    const health = !row.exists ? paint('red', 'MISSING  ') : row.healthy ? paint('green', 'healthy  ') : paint('red', 'UNHEALTHY');
    const details = Object.entries(row.details).map(([key, value]) => `${key}=${value}`).join(' ');
    return `${row.address.padEnd(width)}  ${health}  ${row.id}${details ? `  ${details}` : ''}`;
  });
  const bad = rows.filter((row) => !row.healthy).length;
  if (bad === 0) lines.push('', paint('green', `All ${rows.length} objects exist and are healthy.`));
  else lines.push('', paint('red', `${bad} of ${rows.length} objects missing or unhealthy.`), REPAIR_HINT);
  return `${lines.join('\n')}\n`;
}
