// Runs a ClientAuth (the proxy's server side) against a BackendAuth (the proxy's client side) in
// memory, passing each frame one produces to the other, so SCRAM and md5 are tested end to end
// without sockets.
import type { AuthStep, AuthStateMachine } from '../../../proxy/auth/auth-step.ts';

export interface PairOutcome {
  server: AuthStep;
  client: AuthStep;
  /** Every frame the server side sent, in order (for inspecting leaks and message types). */
  serverFrames: Buffer[];
}

export async function runAuthPair(server: AuthStateMachine, client: AuthStateMachine): Promise<PairOutcome> {
  const serverFrames: Buffer[] = [];
  let serverStep = await server.start();
  let clientStep = await client.start();
  while (serverStep.send.length > 0 || clientStep.send.length > 0) {
    const toClient = serverStep.send;
    serverFrames.push(...toClient);
    serverStep = { ...serverStep, send: [] };
    for (const frame of toClient) clientStep = await client.receive(frame);
    if (clientStep.status === 'failed') break;
    const toServer = clientStep.send;
    clientStep = { ...clientStep, send: [] };
    for (const frame of toServer) serverStep = await server.receive(frame);
  }
  return { server: serverStep, client: clientStep, serverFrames };
}
