import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendMessage, FrontendMessage, StartupCode } from '../../../proxy/protocol/message-codes.ts';

// The letters of PostgreSQL's "Message Formats" page, written as letters here so the table's bytes are checked
// against them, and the rule that protocol codes are spelt in that one module.

const letters = (codes: Record<string, number>): Record<string, string> =>
  Object.fromEntries(Object.entries(codes).map(([name, code]) => [name, String.fromCharCode(code)]));

describe('wire message codes', () => {
  it('match the protocol documentation', () => {
    expect(letters(FrontendMessage)).toEqual({
      Bind: 'B', Close: 'C', CopyData: 'd', CopyDone: 'c', CopyFail: 'f', Describe: 'D', Execute: 'E', Flush: 'H',
      FunctionCall: 'F', Parse: 'P', Password: 'p', Query: 'Q', Sync: 'S', Terminate: 'X',
    });
    expect(letters(BackendMessage)).toEqual({
      Authentication: 'R', BackendKeyData: 'K', CommandComplete: 'C', DataRow: 'D', EmptyQueryResponse: 'I', ErrorResponse: 'E',
      NegotiateProtocolVersion: 'v', NoticeResponse: 'N', ParameterStatus: 'S', ParseComplete: '1', ReadyForQuery: 'Z', RowDescription: 'T',
    });
    // the request codes are 1234 in the high 16 bits and 5678–5680 in the low; protocol 3.0 is 3 << 16
    expect(StartupCode).toEqual({ CancelRequest: (1234 << 16) | 5678, GssEncRequest: (1234 << 16) | 5680, Protocol3: 3 << 16, SslRequest: (1234 << 16) | 5679 });
  });


  it('are spelt nowhere else in proxy/', () => {
    const root = join(import.meta.dirname, '../../../proxy');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.endsWith('message-codes.ts'));
    const offenders = files.filter((file) => /80877102|80877103|80877104|196608|fromCharCode\(\w+\[0\]\)/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders.map((file) => relative(root, join(root, file)))).toEqual([]);
  });
});
