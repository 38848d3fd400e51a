// SHOW WATCHDOG: the tier's watchdog as this member sees it, one row per member, after Pgpool-II's
// pcp_watchdog_info (node name, host, port, state, and the cluster's quorum and leader on every row).
import type { WatchdogStatus } from '../watchdog/watchdog-service.ts';
import type { ResultSet } from './admin-commands.ts';

const STATE_NAMES = { leader: 'LEADER', follower: 'STANDBY', candidate: 'CANDIDATE', lost: 'LOST' } as const;

export function showWatchdogRows(status: WatchdogStatus): ResultSet {
  const quorum = `${status.alive}/${status.members.length} alive, ${status.quorum} needed: ${status.alive >= status.quorum ? 'QUORUM EXISTS' : 'QUORUM ABSENT'}`;
  return {
    columns: ['node_name', 'hostname', 'wd_port', 'state', 'is_local', 'term', 'leader', 'quorum', 'vip_holder', 'vip'],
    rows: status.members.map((member) => [
      member.name, member.host, String(member.port), STATE_NAMES[member.state], String(member.self),
      member.term === null ? null : String(member.term), member.leader, quorum, String(member.holdsVip), status.vip,
    ]),
    tag: 'SELECT',
  };
}
