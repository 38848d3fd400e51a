// Settings a running proxy cannot change: its listening sockets, its logger and its watchdog (whose members and
// timing the safety argument assumes fixed for the life of the process) are made once per process. A reload
// (SIGHUP, RELOAD, a new version of an SSM config) that changes them logs them as needing a restart and keeps the
// running values, so what the proxy reports (SHOW CONFIG) is what it does.
import type { ProxyConfig } from '../proxy-config.ts';

const RESTART_ONLY = ['listen', 'metrics', 'logLevel', 'watchdog', 'workers'] as const;

/** The restart-only settings that differ between the running config and a reloaded one. */
export function restartOnlyChanges(running: ProxyConfig, reloaded: ProxyConfig): string[] {
  return RESTART_ONLY.filter((key) => JSON.stringify(running[key]) !== JSON.stringify(reloaded[key]));
}

/** The reloaded config with the running process's restart-only settings. */
export function withRestartOnlySettingsOf(running: ProxyConfig, reloaded: ProxyConfig): ProxyConfig {
  return { ...reloaded, listen: running.listen, metrics: running.metrics, logLevel: running.logLevel, watchdog: running.watchdog, workers: running.workers };
}
