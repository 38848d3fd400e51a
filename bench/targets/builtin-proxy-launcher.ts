// Starts the builtin proxy from a config file while `pgtopo proxy --config <file>` does not exist yet:
// node bench/targets/builtin-proxy-launcher.ts <config>. Stops gracefully on SIGTERM/SIGINT.
import { startProxy } from '../../proxy/server.ts';

const configPath = process.argv[2];
if (!configPath) {
  process.stderr.write('usage: builtin-proxy-launcher.ts <config file>\n');
  process.exit(2);
}
try {
  const proxy = await startProxy({ configPath });
  await proxy.handleSignals();
} catch (error) {
  process.stderr.write(`builtin proxy: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
