// A login while a failover is pending waits for the new primary. A pool's first login takes its session
// parameters from a server on the primary, and with no primary up that would be a standby's: `in_hot_standby=on`
// tells a client (libpq's target_session_attrs=read-write, pgjdbc's targetServerType) that it reached a read-only
// server, and the pool would keep that welcome after the failover. Bounded like held writes (PrimaryWait).
import type { ClientTransport } from '../io/client-transport.ts';
import type { PrimaryWaiter } from '../primary-wait.ts';
import type { ProxyContext } from '../proxy-context.ts';

export interface LoginWaitFailure {
  sqlstate: string;
  message: string;
}

/** Null when a primary is up (no promise: the usual case), else a wait that settles null or with the error to refuse the login with. */
export function primaryForLogin(ctx: ProxyContext, transport: ClientTransport): null | Promise<LoginWaitFailure | null> {
  // With failover off nothing will be promoted: reads may still be served from the standbys, as before.
  if (!ctx.backends.primaryPending || !ctx.config.failover.enabled) return null;
  return new Promise((resolve) => {
    const settle = (failure: LoginWaitFailure | null): void => {
      stopWatching();
      resolve(failure);
    };
    const waiter: PrimaryWaiter = {
      primaryUp: () => settle(null),
      primaryWaitTimedOut: (sqlstate, message) => settle({ sqlstate, message }),
    };
    const left = (): void => {
      ctx.primaryWait.cancel(waiter);
      settle({ sqlstate: '08006', message: 'the client left while waiting for a primary' });
    };
    const stopWatching = transport.onClose(left);
    ctx.primaryWait.hold(waiter);
  });
}
