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

export interface AuthStateMachine {
  start(): Promise<AuthStep>;
  receive(message: Buffer): Promise<AuthStep>;
}

/** A duplex of whole protocol frames: send frames, await the next complete frame from the peer. */
export interface MessageChannel {
  send(messages: Buffer[]): void | Promise<void>;
  next(): Promise<Buffer>;
}

/** Runs a state machine to completion over a channel; returns the final step (its frames already sent). */
export async function runAuth(machine: AuthStateMachine, channel: MessageChannel): Promise<AuthStep> {
  let step = await machine.start();
  for (;;) {
    if (step.send.length > 0) await channel.send(step.send);
    if (step.status !== 'continue') return step;
    step = await machine.receive(await channel.next());
  }
}
