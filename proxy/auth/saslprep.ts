// SASLprep (RFC 4013) as PostgreSQL applies it before hashing a SCRAM password.
// Only the mapping and normalisation steps change bytes; like libpq and the server we do not
// reject prohibited code points, so every password PostgreSQL accepts hashes the same here.

// RFC 3454 table C.1.2: non-ASCII space characters, mapped to U+0020.
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
// RFC 3454 table B.1: characters "commonly mapped to nothing" (soft hyphen, joiners, variation selectors).
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;

export function saslprep(password: string): string {
  const prepared = password.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
  // A password made only of mapped-away characters would otherwise collapse to '' and match any other such one.
  return prepared === '' ? password : prepared;
}
