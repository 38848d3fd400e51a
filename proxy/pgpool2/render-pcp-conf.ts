// pcp.conf: the PCP (Pgpool-II control port) users, which are the topology's admin users. Pgpool-II stores
// md5(password) in hex here, so the file never holds a clear password.
import { createHash } from 'node:crypto';
import { MASKED, userLine, type PoolPasswdUser } from './render-pool-passwd.ts';

export function renderPcpConf(admins: PoolPasswdUser[], mask = false): string {
  return admins
    .filter((user) => user.password !== null)
    .map((user) => userLine(user.name, user.password!, mask ? MASKED : createHash('md5').update(user.password!).digest('hex')))
    .join('');
}
