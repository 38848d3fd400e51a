// The untyped packets a client may open with: SSLRequest (answered 'S' + TLS when configured, else 'N'),
// GSSENCRequest (always 'N'), CancelRequest, and the StartupMessage with its parameters.
import type { SecureContext } from 'node:tls';
import type { ClientTransport } from '../io/client-transport.ts';
import { SocketTransport } from '../io/socket-transport.ts';
import { MessageStream, ProtocolViolation } from '../protocol/frame-reader.ts';
import { EncryptionResponse, StartupCode } from '../protocol/message-codes.ts';
import { startupParamsOf, type StartupParams } from './startup-params.ts';

const SSL_REQUEST = StartupCode.SslRequest;
const GSSENC_REQUEST = StartupCode.GssEncRequest;
const CANCEL_REQUEST = StartupCode.CancelRequest;
const PROTOCOL_3 = StartupCode.Protocol3;
const MAX_STARTUP_PACKET = 10_000;

export type Handshake =
  | { kind: 'startup'; transport: ClientTransport; stream: MessageStream; params: StartupParams; tls: boolean }
  | { kind: 'cancel'; pid: number; secret: number };

/**
 * Runs the pre-authentication exchange; the returned stream continues on the (possibly TLS) transport.
 * `onSecured` gets the TLS transport as soon as it replaces the plain one, which can no longer carry an error.
 */
export async function clientHandshake(
  plain: ClientTransport, tls: SecureContext | null, onSecured: (secured: ClientTransport) => void,
): Promise<Handshake> {
  let transport = plain;
  let stream = new MessageStream(transport, MAX_STARTUP_PACKET, true);
  let encrypted = false;
  for (;;) {
    const packet = await stream.read();
    if (packet.length < 8) throw new ProtocolViolation('startup packet too short');
    const code = packet.readInt32BE(4);
    if (code === SSL_REQUEST && tls && !encrypted) {
      if (stream.detach().length > 0) throw new ProtocolViolation('data received before TLS handshake');
      transport.write(Buffer.of(EncryptionResponse.Accept));
      const secured = transport.startTls(tls);
      transport = new SocketTransport(secured, plain.remoteAddress);
      onSecured(transport);
      encrypted = true;
      stream = new MessageStream(transport, MAX_STARTUP_PACKET, true);
    } else if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      transport.write(Buffer.of(EncryptionResponse.Refuse));
      stream.reader.expectUntyped();
    } else if (code === CANCEL_REQUEST) {
      if (packet.length !== 16) throw new ProtocolViolation('malformed CancelRequest');
      stream.detach();
      return { kind: 'cancel', pid: packet.readInt32BE(8), secret: packet.readInt32BE(12) };
    } else if (code === PROTOCOL_3) {
      return { kind: 'startup', transport, stream, params: startupParamsOf(packet), tls: encrypted };
    } else {
      throw new ProtocolViolation(`unsupported frontend protocol ${code >>> 16}.${code & 0xffff}: server supports 3.0`);
    }
  }
}
