// The SQL text of a Query or Parse message: the pinning check and the router both read it.
import { cstringEnd, readCstring } from './cstring.ts';
import { FrontendMessage } from './message-codes.ts';

/** Query or Parse message at buf[off, end): the SQL text inside it. */
export function statementText(buf: Buffer, off: number, end: number): string {
  const body = off + 5;
  // A Query body is one string whose terminator is the message's last byte: no search needed.
  if (buf[off] === FrontendMessage.Query) return buf.toString('utf8', body, buf[end - 1] === 0 ? end - 1 : end);
  const nameEnd = cstringEnd(buf, body, end);
  return nameEnd < 0 ? '' : readCstring(buf, nameEnd + 1, end);
}
