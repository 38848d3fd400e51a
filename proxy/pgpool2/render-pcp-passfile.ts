// PCPPASSFILE: how the PCP tools (pcp_watchdog_info …) get the control port's password without a prompt:
// `host:port:user:password`, escaped as a libpq password file (src/libs/pcp/pcp.c, PasswordFromFile).
import { escapePassfileField } from '../failover/passfile.ts';

/** One entry for `user` on any host and port. */
export function renderPcpPassfile(user: string, password: string): string {
  return `*:*:${[user, password].map(escapePassfileField).join(':')}\n`;
}
