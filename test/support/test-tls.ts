// TLS material made at test time with openssl: a CA, a server certificate it signed for the name "localhost" only
// (so connecting by 127.0.0.1 fails a host name check), and an unrelated CA that did not sign it. And a way to turn
// a throw-away cluster into one that has ssl=on and accepts TCP logins only over TLS (hostssl-only pg_hba.conf).
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { writeDbFile } from '../../providers/local/pg-config-files.ts';
import { resolveDbOsUser } from '../../providers/local/os-user.ts';
import pg from 'pg';
import { eventually, type PgCluster } from './pg-cluster.ts';

export interface TestCertificates {
  caFile: string;
  otherCaFile: string;
  certFile: string;
  keyFile: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

function selfSignedCa(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${name}`, '-days', '1',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { cert, key };
}

/** Writes the CAs and the server certificate into `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  const ca = selfSignedCa(dir, 'test-ca');
  const other = selfSignedCa(dir, 'other-ca');
  const keyFile = join(dir, 'server.key');
  const csr = join(dir, 'server.csr');
  const certFile = join(dir, 'server.crt');
  const extensions = join(dir, 'server.ext');
  writeFileSync(extensions, 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csr, '-subj', '/CN=localhost']);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', certFile, '-days', '1', '-extfile', extensions]);
  return { caFile: ca.cert, otherCaFile: other.cert, certFile, keyFile };
}

/** The SHA-256 fingerprint of a PEM certificate file, as a TLS peer reports it. */
export function fingerprintOf(certFile: string): string {
  return new X509Certificate(readFileSync(certFile)).fingerprint256;
}

/** The fingerprint of the certificate a PostgreSQL-protocol server presents after an SSLRequest, verified against `caFile`. */
export function presentedCertificate(port: number, caFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.once('error', reject);
    socket.once('data', (answer: Buffer) => {
      if (answer.toString('latin1') !== 'S') return reject(new Error(`SSLRequest answered ${answer.toString('latin1')}`));
      const secured = tlsConnect({ socket, ca: readFileSync(caFile), servername: 'localhost' }, () => {
        resolve(secured.getPeerCertificate().fingerprint256);
        secured.destroy();
      });
      secured.once('error', reject);
    });
    const request = Buffer.alloc(8);
    request.writeInt32BE(8, 0);
    request.writeInt32BE(80877103, 4); // SSLRequest
    socket.write(request);
  });
}

/** ssl=on with the test server certificate, and TCP logins only over TLS. */
export async function requireTlsOn(cluster: PgCluster, certificates: TestCertificates): Promise<void> {
  const { dataDir, instance } = cluster.primary;
  const user = resolveDbOsUser();
  await writeDbFile(join(dataDir, 'server.crt'), readFileSync(certificates.certFile, 'utf8'), user);
  await writeDbFile(join(dataDir, 'server.key'), readFileSync(certificates.keyFile, 'utf8'), user);
  await cluster.query(cluster.primary, 'ALTER SYSTEM SET ssl = on');
  const hba = ['local all all trust', 'hostssl all all 127.0.0.1/32 scram-sha-256', ''].join('\n');
  await writeDbFile(join(dataDir, 'pg_hba.conf'), hba, user);
  await instance.reload();
  // The postmaster re-reads its files asynchronously: wait until a plaintext login is refused.
  await eventually('the primary to refuse plaintext logins', () => plaintextLogin(cluster), (outcome) => outcome === '28000');
}

async function plaintextLogin(cluster: PgCluster): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.connectionString(cluster.primary), ssl: false });
  try {
    await client.connect();
    await client.end();
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? 'failed';
  }
}
