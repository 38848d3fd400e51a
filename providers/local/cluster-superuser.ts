// The superuser password of a local cluster: generated once, kept in a 0600 file in the cluster directory (never
// in state or in the topology). Standbys use it to stream and pg_rewind to read the new primary.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { readSecretFile } from '../../proxy/config/secret-file.ts';
import { superuserPasswordFile } from './local-layout.ts';

export async function clusterSuperuserPassword(scope: string): Promise<string> {
  const file = superuserPasswordFile(scope);
  try {
    return readSecretFile(file);
  } catch {
    await mkdir(scope, { recursive: true, mode: 0o755 });
    const password = randomBytes(24).toString('base64url');
    // 'wx': two creates racing in one apply must not each write a different password.
    await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return readSecretFile(file);
  }
}
