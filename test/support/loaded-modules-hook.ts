// Loaded with `node --import` into a process under test: appends the URL of every module the process resolves
// (static imports and the import() calls that actually run) to the file named by PGTOPO_TEST_LOADED_MODULES, one
// a line, so a test can see what a command loaded. Written at once, so the list survives however the process ends.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const out = process.env.PGTOPO_TEST_LOADED_MODULES;
if (out) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      appendFileSync(out, `${resolved.url}\n`);
      return resolved;
    },
  });
}
