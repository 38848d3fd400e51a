// Pgpool-II finds the primary when it starts and when it fails over; a reload keeps the one it has. So when the
// backends' primary moved without a failover of its own (pgtopo's handover for a rolling restart), only a restart
// makes it route writes to the new primary; after its own failover it knows already, and a reload keeps its
// clients. Asked with SHOW POOL_NODES as the first admin user with a password.
import type { ProxyBackendDocument, ProxyUserDocument } from '../../proxy/config/proxy-tier-settings.ts';
import { consoleQuery } from './proxy-console.ts';
import { resolveRef } from './proxy-files.ts';

export interface PgpoolView {
  name: string;
  port: number;
  users: ProxyUserDocument[];
  backends: ProxyBackendDocument[];
}

/** Whether the running Pgpool-II routes writes to the backend its new config calls primary; false when unsure. */
export async function pgpoolRoutesToPrimary(view: PgpoolView): Promise<boolean> {
  const primary = view.backends.find((backend) => backend.role === 'primary');
  const admin = view.users.find((user) => user.admin && user.password);
  if (!primary || !admin?.password) return false;
  try {
    const console = { name: view.name, port: view.port, user: admin.name, password: resolveRef(admin.name, admin.password) };
    const nodes = await consoleQuery(console, 'SHOW POOL_NODES', 'postgres');
    const routed = nodes.filter((node) => node.role === 'primary' && node.status === 'up');
    return routed.length === 1 && routed[0]!.node_id === String(primary.id);
  } catch {
    return false;
  }
}
