// How every part of pgtopo reads a secret file: the proxy (`{ file }` secrets in its config), the local provider
// (Pgpool-II's pool_passwd, the env of a proxy) and the engine (`fromFile` references). One rule, so a password
// reaches PostgreSQL and the proxy identically: the file's content minus exactly one trailing line ending (`\r\n`
// or `\n`), which editors add; anything else, including spaces and a second line ending, is part of the secret.
import { readFileSync } from 'node:fs';

export function readSecretFile(path: string): string {
  return withoutFinalLineEnding(readFileSync(path, 'utf8'));
}

export function withoutFinalLineEnding(text: string): string {
  return text.replace(/\r?\n$/, '');
}
