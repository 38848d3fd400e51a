// The proxies' user data passes shellcheck (Debian's; CI installs it) for both engines, pins Node.js, pgtopo and
// Pgpool-II, holds no secret, and gives systemd a stop timeout longer than the proxy's drain.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NODE_VERSION, PGPOOL_PACKAGE, PGTOPO_VERSION, userDataScript, type UserDataInput } from '../../../../providers/aws/proxy-tier/user-data.ts';

const input = (engine: UserDataInput['engine']): UserDataInput => ({ region: 'eu-west-1', configParameter: '/pgtopo/shop/orders/proxy-config', drainSeconds: 30, engine });

describe('proxy user data', () => {
  it.each(['builtin', 'pgpool2'] as const)('passes shellcheck (%s)', (engine) => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '-'], { input: userDataScript(input(engine)), encoding: 'utf8' });
    expect(result.error, 'shellcheck must be installed (apt-get install shellcheck)').toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(['builtin', 'pgpool2'] as const)('pins Node.js 24 and pgtopo, reads its config from SSM, holds no secret and stops after the drain (%s)', (engine) => {
    const script = userDataScript(input(engine));
    expect(NODE_VERSION).toMatch(/^24\.\d+\.\d+$/);
    expect(script).toContain(`NODE_VERSION='${NODE_VERSION}'`);
    expect(script).toContain(`PGTOPO_VERSION='${PGTOPO_VERSION}'`);
    expect(script).toContain('sha256sum -c -');
    expect(script).toContain("config_parameter='/pgtopo/shop/orders/proxy-config'");
    expect(script).toContain('--config ssm:${config_parameter}');
    expect(script).toContain('ExecReload=/bin/kill -HUP \\$MAINPID');
    expect(script).toContain('Environment=AWS_REGION=eu-west-1');
    expect(Number(/TimeoutStopSec=(\d+)/.exec(script)?.[1])).toBeGreaterThan(30);
    expect(script).not.toMatch(/password/i);
  });

  it('runs the builtin proxy only for engine builtin', () => {
    const script = userDataScript(input('builtin'));
    expect(script).toContain('ExecStart=/opt/pgtopo/bin/pgtopo proxy --config ssm:${config_parameter}');
    expect(script).not.toContain('pgpool');
  });

  it('installs the pinned Pgpool-II and runs it from the files pgtopo pgpool-files writes as root, Pgpool-II as pgtopo', () => {
    const script = userDataScript(input('pgpool2'));
    expect(PGPOOL_PACKAGE).toMatch(/^pgpool2=4\.3\.\d+-\d+\+deb12u\*$/);
    expect(script).toContain(`apt-get install -y --no-install-recommends '${PGPOOL_PACKAGE}' postgresql-client`);
    expect(script).toContain('systemctl disable --now pgpool2.service');
    expect(script).not.toContain('pgtopo proxy --config');
    const unit = /cat > \/etc\/systemd\/system\/pgtopo-pgpool\.service <<UNIT\n([^]*?)\nUNIT/.exec(script)?.[1] ?? '';
    expect(unit).toContain('User=pgtopo');
    expect(unit).toMatch(/^ExecStartPre=-\+\/opt\/pgtopo\/bin\/pgtopo pgpool-files --config ssm:\$\{config_parameter\} .* --owner pgtopo --before-start$/m);
    // No -D: the node states come from what --before-start wrote into the (fresh) run directory.
    expect(unit).toMatch(/^ExecStart=\/usr\/sbin\/pgpool -n -f \/etc\/pgtopo\/pgpool\/pgpool\.conf /m);
    expect(unit).toContain('RuntimeDirectory=pgtopo-pgpool');
    expect(unit).not.toContain('RuntimeDirectoryPreserve');
    expect(unit).toContain('KillSignal=SIGTERM');
    const sync = /cat > \/etc\/systemd\/system\/pgtopo-pgpool-config\.service <<UNIT\n([^]*?)\nUNIT/.exec(script)?.[1] ?? '';
    expect(sync).toMatch(/^ExecStart=\/opt\/pgtopo\/bin\/pgtopo pgpool-files .* --unit pgtopo-pgpool\.service$/m);
    expect(script).toMatch(/OnUnitActiveSec=30s/);
    expect(script).toContain('systemctl enable --now pgtopo-pgpool.service pgtopo-pgpool-config.timer');
  });
});
