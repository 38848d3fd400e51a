// Signals that reach `pgtopo proxy` while the proxy starts. A process with no listener for SIGTERM, SIGINT or SIGHUP
// dies of it (Node installs no handler of its own), and the proxy's handlers exist only once it is up, which can take
// a health check's timeout. Until then these are held, then delivered in order to the handlers installed by then:
// a stop sent during the start (systemd, Kubernetes, a test) stops the proxy gracefully instead of killing it.
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

export interface HeldSignals {
  /** Stops holding and delivers what was held to the listeners there are now (none: it is dropped). */
  release(): void;
}

export function holdSignals(): HeldSignals {
  const held: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals): void => void held.push(signal);
  for (const signal of SIGNALS) process.on(signal, hold);
  return {
    release() {
      for (const signal of SIGNALS) process.off(signal, hold);
      for (const signal of held.splice(0)) process.emit(signal, signal);
    },
  };
}
