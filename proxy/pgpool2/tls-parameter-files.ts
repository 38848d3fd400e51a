// Pgpool-II reads its certificate, key and CA only from files. For a tier whose TLS material is in SSM parameters
// (tls.certParameter, keyParameter, caParameter) the instance writes each PEM to a file beside pool_passwd, under
// these names, and pgpool.conf names those files.
import { dirname, join } from 'node:path';
import type { TlsParameterSetting } from '../config/tls-parameters.ts';

export const TLS_PARAMETER_FILES: Record<TlsParameterSetting, string> = { certParameter: 'tls.crt', keyParameter: 'tls.key', caParameter: 'ca.crt' };

/** Where the PEM of `setting` is, for a Pgpool-II whose pool_passwd is `poolPasswdFile`. */
export function tlsParameterFile(setting: TlsParameterSetting, poolPasswdFile: string): string {
  return join(dirname(poolPasswdFile), TLS_PARAMETER_FILES[setting]);
}
