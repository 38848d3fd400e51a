// The parameters of a StartupMessage (user, database, application_name, options …). A pooler's clients send the
// same few packets again and again (one per application and user), so each distinct packet is parsed once and its
// parameters shared, frozen: a login then costs one Map lookup here instead of a string per key and value, and
// the settings derived from them (client-settings.ts) are looked up by the shared object. Bounded like the
// interned settings: once full it starts over.
import { ProtocolViolation } from '../protocol/frame-reader.ts';

export type StartupParams = Readonly<Record<string, string>>;

const MAX_PACKETS = 1_000;
/** The bytes after the length and protocol fields (as latin1: one char per byte, so equal bytes are equal keys). */
const parsedPackets = new Map<string, StartupParams>();

export function startupParamsOf(packet: Buffer): StartupParams {
  const key = packet.toString('latin1', 8);
  let params = parsedPackets.get(key);
  if (params === undefined) {
    params = Object.freeze(parseStartupParams(packet));
    if (parsedPackets.size >= MAX_PACKETS) parsedPackets.clear();
    parsedPackets.set(key, params);
  }
  return params;
}

function parseStartupParams(packet: Buffer): Record<string, string> {
  const params: Record<string, string> = {};
  let offset = 8;
  while (offset < packet.length && packet[offset] !== 0) {
    const keyEnd = packet.indexOf(0, offset);
    const valueEnd = keyEnd < 0 ? -1 : packet.indexOf(0, keyEnd + 1);
    if (valueEnd < 0) throw new ProtocolViolation('startup packet has an unterminated parameter');
    params[packet.toString('utf8', offset, keyEnd)] = packet.toString('utf8', keyEnd + 1, valueEnd);
    offset = valueEnd + 1;
  }
  if (!params.user) throw new ProtocolViolation('no PostgreSQL user name specified in startup packet');
  params.database ||= params.user;
  return params;
}
