import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the catcher accepted, as raw RFC 5322 text. */
export interface CaughtMail {
  from: string | undefined;
  to: string[];
  raw: string;
}

/**
 * A local SMTP server that keeps what it receives in memory: for the demo and the tests, never
 * for production. `refuse` makes it answer the next messages with a temporary failure (451).
 *
 * Emits `mail` with each `CaughtMail`, and `refused` for each message it turned away.
 */
export class MailCatcher extends EventEmitter {
  readonly messages: CaughtMail[] = [];
  private refusals = 0;
  private readonly server: SMTPServer;

  constructor() {
    super();
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      banner: 'Signaal mail catcher',
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refusals > 0) {
            this.refusals -= 1;
            this.emit('refused');
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            return;
          }
          const mail: CaughtMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((address) => address.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          };
          this.messages.push(mail);
          callback();
          this.emit('mail', mail);
        });
      },
    });
  }

  /** Turns away the next `count` messages with 451. */
  refuseNext(count: number): void {
    this.refusals = count;
  }

  /** Starts listening on loopback; resolves with the SMTP URL to give the receiver. */
  async listen(port = 0): Promise<string> {
    const server = this.server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Resolves with the next message that arrives. */
  async next(): Promise<CaughtMail> {
    const [mail] = (await once(this, 'mail')) as [CaughtMail];
    return mail;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
