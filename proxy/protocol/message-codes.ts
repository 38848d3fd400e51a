// The codes of PostgreSQL's wire protocol 3.0, named once: the type byte of each message a client or a server
// sends (see "Message Formats" in PostgreSQL's protocol documentation), the request codes of the untyped startup
// packets, and the bytes inside messages the proxy reads or writes. Compare `buf[off] === FrontendMessage.Query`;
// build with these too, so no file spells a protocol code as a literal.

/** Type bytes of messages from a client. */
export const FrontendMessage = {
  Bind: 0x42, // 'B'
  Close: 0x43, // 'C'
  CopyData: 0x64, // 'd'
  CopyDone: 0x63, // 'c'
  CopyFail: 0x66, // 'f'
  Describe: 0x44, // 'D'
  Execute: 0x45, // 'E'
  Flush: 0x48, // 'H'
  FunctionCall: 0x46, // 'F'
  Parse: 0x50, // 'P'
  /** PasswordMessage, SASLInitialResponse and SASLResponse share it. */
  Password: 0x70, // 'p'
  Query: 0x51, // 'Q'
  Sync: 0x53, // 'S'
  Terminate: 0x58, // 'X'
} as const;

/** Type bytes of messages from a server. */
export const BackendMessage = {
  Authentication: 0x52, // 'R'
  BackendKeyData: 0x4b, // 'K'
  CommandComplete: 0x43, // 'C'
  DataRow: 0x44, // 'D'
  EmptyQueryResponse: 0x49, // 'I'
  ErrorResponse: 0x45, // 'E'
  NegotiateProtocolVersion: 0x76, // 'v'
  NoticeResponse: 0x4e, // 'N'
  ParameterStatus: 0x53, // 'S'
  ParseComplete: 0x31, // '1'
  ReadyForQuery: 0x5a, // 'Z'
  RowDescription: 0x54, // 'T'
} as const;

/** The code after the length of an untyped startup packet. */
export const StartupCode = {
  CancelRequest: 80877102,
  GssEncRequest: 80877104,
  /** Protocol version 3.0, the StartupMessage. */
  Protocol3: 196608,
  SslRequest: 80877103,
} as const;

/** The one-byte answer to an SSLRequest or a GSSENCRequest. */
export const EncryptionResponse = { Accept: 0x53 /* 'S' */, Refuse: 0x4e /* 'N' */ } as const;

/** ReadyForQuery's transaction status byte. */
export const TransactionStatusByte = { Idle: 0x49 /* 'I' */, InTransaction: 0x54 /* 'T' */, Failed: 0x45 /* 'E' */ } as const;

/** What a Describe or Close names: a prepared statement or a portal. */
export const DescribeTarget = { Statement: 0x53 /* 'S' */, Portal: 0x50 /* 'P' */ } as const;

/** Field codes of ErrorResponse and NoticeResponse. */
export const ErrorField = { Severity: 0x53 /* 'S' */, SeverityNonLocalized: 0x56 /* 'V' */, Code: 0x43 /* 'C' */, Message: 0x4d /* 'M' */, Routine: 0x52 /* 'R' */ } as const;
