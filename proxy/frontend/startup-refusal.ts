// Startup parameters PostgreSQL acts on at login that a pooled server cannot honour per client. A replication
// connection would make a pool's shared server a walsender; a changed identity (session_authorization, role) would
// either stick to a server other clients get next or, carried as a SET whose answer the proxy drops, be silently
// ignored. The proxy refuses them after authentication, as PostgreSQL refuses what it does not allow, with
// PostgreSQL's SQLSTATE and the start of its message.
import type { ClientSettings } from './client-settings.ts';

export interface StartupRefusal {
  sqlstate: string;
  message: string;
}

// PostgreSQL's parse_bool: a unique prefix of true/false/yes/no, on/off (at least two letters), 1 or 0.
const TRUE = /^(?:t(?:r(?:ue?)?)?|y(?:es?)?|on|1)$/i;
const FALSE = /^(?:f(?:a(?:l(?:se?)?)?)?|no?|off?|0)$/i;

function replicationRefusal(value: string | undefined): StartupRefusal | null {
  if (value === undefined || FALSE.test(value)) return null;
  if (value === 'database' || TRUE.test(value)) {
    return { sqlstate: '0A000', message: 'the proxy does not pass replication connections; connect to the server directly' };
  }
  return { sqlstate: '22023', message: `invalid value for parameter "replication": "${value}"` };
}

function identityRefusal(name: string, value: string, user: string): StartupRefusal | null {
  if (value === user) return null; // PostgreSQL allows becoming oneself; nothing to carry
  const why = `the proxy does not carry ${name} from the startup packet (a pool's servers are logged in as its user)`;
  if (name === 'session_authorization') {
    return { sqlstate: '42501', message: `permission denied to set session authorization "${value}": ${why}` };
  }
  if (value.toLowerCase() === 'none') return null;
  return { sqlstate: '42501', message: `permission denied to set role "${value}": ${why}; use SET ROLE in the session` };
}

/** Why this login's startup parameters cannot be served through a pool, or null when they can. */
export function startupRefusal(startup: Readonly<Record<string, string>>, settings: ClientSettings, user: string): StartupRefusal | null {
  const replication = replicationRefusal(startup.replication);
  if (replication !== null) return replication;
  for (const [key, value] of Object.entries(settings.values)) {
    // Setting names are case-insensitive in PostgreSQL.
    const name = key.toLowerCase();
    if (name !== 'session_authorization' && name !== 'role') continue;
    const refusal = identityRefusal(name, value, user);
    if (refusal !== null) return refusal;
  }
  return null;
}
