// PostgreSQL's md5 password method. The wire response is 'md5' + md5hex(md5hex(password + user) + salt);
// the stored form 'md5' + md5hex(password + user) is password-equivalent, which is why SCRAM is preferred.
import { createHash } from 'node:crypto';
import { loginRandomBytes } from './login-random.ts';
import { sameBytes } from './scram-keys.ts';

const STORED_MD5 = /^md5[0-9a-f]{32}$/;

function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

export function isMd5Secret(secret: string): boolean {
  return STORED_MD5.test(secret);
}

/** The 'md5…' form PostgreSQL stores for a password (password_encryption = md5). */
export function md5Secret(password: string, user: string): string {
  return `md5${md5Hex(password + user)}`;
}

/** The PasswordMessage payload answering an AuthenticationMD5Password challenge. */
export function md5Response(password: string, user: string, salt: Buffer): string {
  return md5ResponseFromSecret(md5Secret(password, user), salt);
}

function md5ResponseFromSecret(storedMd5: string, salt: Buffer): string {
  return `md5${md5Hex(Buffer.concat([Buffer.from(storedMd5.slice(3), 'latin1'), salt]))}`;
}

/** A fresh 4-byte challenge salt for AuthenticationMD5Password. */
export function md5Salt(): Buffer {
  return loginRandomBytes(4);
}

/**
 * Checks a client's md5 response. `secret` is the stored secret: either the plain password or the
 * 'md5…' form; callers must not pass a SCRAM verifier (md5 cannot be checked against one).
 */
export function verifyMd5Response(secret: string, user: string, salt: Buffer, response: string): boolean {
  const storedMd5 = isMd5Secret(secret) ? secret : md5Secret(secret, user);
  return sameBytes(Buffer.from(md5ResponseFromSecret(storedMd5, salt)), Buffer.from(response));
}
