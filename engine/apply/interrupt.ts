// Ctrl-C during apply: the first one lets in-flight operations finish and state be saved (nothing new starts);
// a second one aborts at once. Pending-create markers in state make even that safe to re-run.
export interface Interruption {
  stopped(): boolean;
  signal: AbortSignal;
  dispose(): void;
}

export function watchInterrupts(write: (message: string) => void, exit: (code: number) => void = process.exit): Interruption {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (): void => {
    count += 1;
    if (count === 1) {
      write('\nInterrupt received: finishing operations in flight and saving state; nothing new starts. Press Ctrl-C again to abort now.\n');
      return;
    }
    write('\nSecond interrupt: aborting. State holds pending markers for interrupted creates; the next run resolves them.\n');
    controller.abort(new Error('aborted by a second interrupt'));
    exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped: () => count > 0,
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
