// The proxies' user data passes shellcheck (Debian's; CI installs it), pins Node.js and pgtopo, holds no secret,
// and gives systemd a stop timeout longer than the proxy's drain.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NODE_VERSION, PGTOPO_VERSION, userDataScript } from '../../../../providers/aws/proxy-tier/user-data.ts';

describe('proxy user data', () => {
  it('passes shellcheck', () => {
    const script = userDataScript({ region: 'eu-west-1', configParameter: '/pgtopo/shop/orders/proxy-config', drainSeconds: 30 });
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '-'], { input: script, encoding: 'utf8' });
    expect(result.error, 'shellcheck must be installed (apt-get install shellcheck)').toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('pins Node.js 24 and pgtopo, reads its config from SSM and stops after the drain', () => {
    const script = userDataScript({ region: 'eu-west-1', configParameter: '/pgtopo/shop/orders/proxy-config', drainSeconds: 30 });
    expect(NODE_VERSION).toMatch(/^24\.\d+\.\d+$/);
    expect(script).toContain(`NODE_VERSION='${NODE_VERSION}'`);
    expect(script).toContain(`PGTOPO_VERSION='${PGTOPO_VERSION}'`);
    expect(script).toContain('sha256sum -c -');
    expect(script).toContain("config_parameter='/pgtopo/shop/orders/proxy-config'");
    expect(script).toContain('ExecStart=/opt/pgtopo/bin/pgtopo proxy --config ssm:${config_parameter}');
    expect(script).toContain('ExecReload=/bin/kill -HUP \\$MAINPID');
    expect(script).toContain('Environment=AWS_REGION=eu-west-1');
    expect(Number(/TimeoutStopSec=(\d+)/.exec(script)?.[1])).toBeGreaterThan(30);
    expect(script).not.toMatch(/password/i);
  });
});
