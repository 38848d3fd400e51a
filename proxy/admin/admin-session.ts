// A client connected to the admin database: simple-protocol queries answered by the proxy itself.
// Extended-protocol messages get an error (psql and most admin tools use the simple protocol).
import type { ClientTransport } from '../io/client-transport.ts';
import type { ProxyContext } from '../proxy-context.ts';
import { ClientTerminated, FrameReader } from '../protocol/frame-reader.ts';
import { FrontendMessage } from '../protocol/message-codes.ts';
import {
  commandComplete,
  dataRow,
  emptyQueryResponse,
  errorResponse,
  parameterStatus,
  readyForQuery,
  rowDescription,
} from '../protocol/message-builders.ts';
import { AdminCommandError, runAdminCommand } from './admin-commands.ts';

const MAX_ADMIN_MESSAGE = 1 << 20;

export class AdminSession {
  readonly #ctx: ProxyContext;
  readonly #transport: ClientTransport;
  readonly #user: string;
  readonly #reader = new FrameReader(MAX_ADMIN_MESSAGE);
  #busy = false;

  constructor(ctx: ProxyContext, transport: ClientTransport, user: string) {
    this.#ctx = ctx;
    this.#transport = transport;
    this.#user = user;
  }

  start(rest: Buffer): void {
    this.#transport.write(
      Buffer.concat([
        parameterStatus('server_version', '15.0 (pgtopo proxy admin)'),
        parameterStatus('client_encoding', 'UTF8'),
        parameterStatus('server_encoding', 'UTF8'),
        parameterStatus('DateStyle', 'ISO, MDY'),
        parameterStatus('integer_datetimes', 'on'),
        parameterStatus('standard_conforming_strings', 'on'),
        readyForQuery('I'),
      ]),
    );
    if (rest.length > 0) this.#reader.push(rest); // what came with the login's last message goes first
    this.#transport.subscribe(
      (chunk) => {
        this.#reader.push(chunk);
        void this.#drain();
      },
      () => this.#transport.destroy(),
    );
    void this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      for (let message = this.#reader.next(); message; message = this.#reader.next()) {
        const type = message[0];
        if (type === FrontendMessage.Query) {
          this.#transport.write(await this.#answer(message.toString('utf8', 5, message.length - 1)));
        } else if (type === FrontendMessage.Sync) {
          this.#transport.write(readyForQuery('I'));
        } else if (type !== FrontendMessage.Flush) {
          this.#transport.write(errorResponse('ERROR', '0A000', 'the admin console supports only the simple query protocol'));
        }
      }
    } catch (error) {
      // The reader reports a Terminate as ClientTerminated: the client is leaving, so it gets no error.
      if (error instanceof ClientTerminated) this.#transport.end();
      else this.#transport.end(errorResponse('FATAL', '08P01', (error as Error).message));
    } finally {
      this.#busy = false;
    }
  }

  async #answer(sql: string): Promise<Buffer> {
    if (sql.trim() === '') return Buffer.concat([emptyQueryResponse(), readyForQuery('I')]);
    this.#ctx.log.info('admin command', { user: this.#user, command: sql.slice(0, 200) });
    try {
      const result = await runAdminCommand(this.#ctx, sql);
      const parts: Buffer[] = [];
      if ('columns' in result) {
        parts.push(rowDescription(result.columns));
        for (const row of result.rows) parts.push(dataRow(row));
        parts.push(commandComplete(`${result.tag} ${result.rows.length}`));
      } else {
        parts.push(commandComplete(result.tag));
      }
      parts.push(readyForQuery('I'));
      return Buffer.concat(parts);
    } catch (error) {
      const sqlstate = error instanceof AdminCommandError ? error.sqlstate : 'XX000';
      return Buffer.concat([errorResponse('ERROR', sqlstate, (error as Error).message), readyForQuery('I')]);
    }
  }
}
