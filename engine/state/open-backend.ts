// Picks the state backend a topology asks for: `local` (default) beside the topology file, `postgres` or `s3`.
import { join, resolve } from 'node:path';
import type { Topology } from '../../schemas/topology.ts';
import type { SecretResolver } from '../plan/secret-resolver.ts';
import { LocalStateBackend } from './local-backend.ts';
import { PostgresStateBackend } from './postgres-backend.ts';
import { S3StateBackend } from './s3-backend.ts';
import type { StateBackend } from './state-backend.ts';

export const DEFAULT_STATE_PATH = join('.pgtopo', 'state.json');
export const DEFAULT_STATE_TABLE = 'pgtopo_state';

export async function openStateBackend(topology: Topology, topologyDir: string, secrets: SecretResolver): Promise<StateBackend> {
  const settings = topology.state ?? {};
  if ((settings.backend ?? 'local') === 'local') {
    return new LocalStateBackend(resolve(topologyDir, settings.path ?? DEFAULT_STATE_PATH), topology.name);
  }
  if (settings.backend === 's3') {
    const { bucket, key, region, kmsKeyId, forcePathStyle } = settings;
    if (!bucket || !key) throw new Error('state.backend s3 needs state.bucket and state.key');
    return new S3StateBackend({ bucket, key, region, kmsKeyId, forcePathStyle }, topology.name);
  }
  if (!settings.connection) throw new Error('state.backend postgres needs state.connection (fromEnv or fromFile)');
  const connection = await secrets.resolve(settings.connection, undefined, 'state').catch((error: Error) => {
    throw new Error(`state.connection: ${error.message}`);
  });
  return new PostgresStateBackend(connection, settings.table ?? DEFAULT_STATE_TABLE, topology.name);
}
