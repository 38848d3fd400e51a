// Where TLS material comes from: a file on the proxy's host, or the PEM value of an SSM parameter read with the
// config (a proxy on EC2 whose image carries no certificate). Both are taken when the TLS context is made, at start
// and at every reload, so a renewed file or a new parameter Version reaches the connections that follow.
import { readFileSync } from 'node:fs';
import { ProxyConfigError } from '../proxy-config.ts';

export type PemSource = { file: string } | { parameter: string; pem: string };

/** The PEM text of `source`; `setting` names it in the error (`tls.caFile`). */
export function readPem(source: PemSource, setting: string): string | Buffer {
  if ('pem' in source) return source.pem;
  try {
    return readFileSync(source.file);
  } catch (error) {
    throw new ProxyConfigError(`${setting}: cannot read ${source.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
