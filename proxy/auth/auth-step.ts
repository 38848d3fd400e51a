// What one step of an authentication state machine produces, and a driver for callers that have a
// simple message channel instead of their own event loop. Both client-auth.ts and backend-auth.ts
// speak this shape, so the proxy drives them the same way: send `send`, then stop or feed the next message.

export interface AuthFailure {
  /** PostgreSQL SQLSTATE: 28P01 invalid_password, 28000 invalid_authorization_specification, 08P01 protocol_violation. */
  sqlstate: string;
  /** Safe to log and show: never contains a password, md5 secret or verifier. */
  message: string;
}

export type AuthStep =
  | { status: 'continue'; send: Buffer[] }
  | { status: 'ok'; send: Buffer[] }
  | { status: 'failed'; send: Buffer[]; error: AuthFailure };

/** A step is returned as it is when it is ready at once (no promise, no turn of the event loop per step). */
export interface AuthStateMachine {
  start(): AuthStep | Promise<AuthStep>;
  receive(message: Buffer): AuthStep | Promise<AuthStep>;
}

/** A duplex of whole protocol frames: send frames, await the next complete frame from the peer. */
export interface MessageChannel {
  send(messages: Buffer[]): void | Promise<void>;
  next(): Promise<Buffer>;
}

/** Runs a state machine to completion over a channel; returns the final step (its frames already sent). */
export async function runAuth(machine: AuthStateMachine, channel: MessageChannel): Promise<AuthStep> {
  let next = machine.start();
  for (;;) {
    // Awaiting a value that is not a promise still costs a microtask: a login has six such steps.
    const step = next instanceof Promise ? await next : next;
    const sent = step.send.length > 0 ? channel.send(step.send) : undefined;
    if (sent instanceof Promise) await sent;
    if (step.status !== 'continue') return step;
    next = machine.receive(await channel.next());
  }
}
