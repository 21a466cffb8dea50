import { EventEmitter } from 'node:events';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { composeMail, type Kind, type Locale } from '@signaal/sdk';
import type { Outbox, OutboxItem } from './storage/outbox.js';

/** How the receiver tells the designated officer that something arrived. */
export interface MailSettings {
  /** An SMTP URL, e.g. `smtps://user:pass@smtp.gemeente.nl` or `smtp://127.0.0.1:2525`. */
  smtpUrl: string;
  from: string;
  /** The officer's mailbox. */
  to: string;
  /** Put the signal's full content in the mail. Off by default: the mail says only that something arrived. */
  includeContent?: boolean;
  /** Where the officer reads signals; the mail links to it. */
  inboxUrl?: string;
  /** Language of the notification. Default `nl`. */
  locale?: Locale;
  retry?: {
    /** First wait after a failure, in ms; it doubles per attempt. Default 30,000. */
    baseDelay?: number;
    /** Longest wait, in ms. Default 3,600,000. */
    maxDelay?: number;
    /** Attempts before a notification is given up (the signal itself stays). Default 30. */
    maxAttempts?: number;
  };
}

const texts = {
  nl: {
    subject: { signal: 'Signaal: nieuwe melding', sparring: 'Signaal: verzoek om te sparren' },
    intro: { signal: 'Er is een nieuwe melding binnengekomen via Signaal.', sparring: 'Iemand wil met je sparren via Signaal.' },
    kind: { signal: 'melding', sparring: 'sparren' },
    labels: { kind: 'Soort', reference: 'Kenmerk', receivedAt: 'Ontvangen', link: 'Bekijken' },
    summaryOnly: 'Deze e-mail bevat bewust geen inhoud. Lees de melding in Signaal.',
    content: 'Inhoud',
  },
  en: {
    subject: { signal: 'Signaal: new report', sparring: 'Signaal: request to talk it through' },
    intro: { signal: 'A new report arrived through Signaal.', sparring: 'Someone would like to talk something through with you.' },
    kind: { signal: 'report', sparring: 'sparring' },
    labels: { kind: 'Kind', reference: 'Reference', receivedAt: 'Received', link: 'Open' },
    summaryOnly: 'This e-mail deliberately contains no content. Read the report in Signaal.',
    content: 'Content',
  },
} as const;

/** The notification for one stored signal: a summary, with the content only when configured and still kept. */
export function composeNotification(item: OutboxItem, settings: MailSettings): { subject: string; text: string } {
  const t = texts[settings.locale ?? 'nl'];
  const kind: Kind = item.kind;
  const link = settings.inboxUrl ? `${settings.inboxUrl.replace(/\/+$/, '')}/signals/${item.reference}` : undefined;
  const lines = [
    t.intro[kind],
    '',
    `${t.labels.kind}: ${t.kind[kind]}`,
    `${t.labels.reference}: ${item.reference}`,
    `${t.labels.receivedAt}: ${item.receivedAt}`,
    ...(link ? [`${t.labels.link}: ${link}`] : []),
    '',
  ];
  if (settings.includeContent && item.signal) {
    // Without the idempotency id: a replay of the body with it would give the reporter's status token.
    lines.push(`${t.content}:`, '', composeMail({ ...item.signal, id: '' }, { to: settings.to }).text);
  } else {
    lines.push(t.summaryOnly);
  }
  return { subject: `${t.subject[kind]} ${item.reference}`, text: lines.join('\n') };
}

/** A short code for a failed send, without the SMTP server's text (it may echo addresses). */
function failureCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [typeof code === 'string' ? code : 'error', typeof responseCode === 'number' ? responseCode : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** How long a sender holds a notification it took; longer than one SMTP attempt can last. */
const leaseMs = 120_000;
const pollMs = 60_000;

export interface NotifierLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Sends the outbox: every stored signal's notification, retried with backoff until it is
 * accepted. A signal is stored (and acknowledged) before its mail is tried, so a mail server
 * that is down never loses or rejects a signal.
 *
 * Emits `sent` and `failed` with `{ reference, attempts }`.
 */
export class Notifier extends EventEmitter {
  private readonly transporter;
  private readonly retry: Required<NonNullable<MailSettings['retry']>>;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly settings: MailSettings,
    private readonly log: NotifierLog,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    const transport: SMTPTransport.Options = {
      url: settings.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    this.transporter = nodemailer.createTransport(transport);
    this.retry = { baseDelay: 30_000, maxDelay: 3_600_000, maxAttempts: 30, ...settings.retry };
  }

  /** Sends what is due now, and plans the next run. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.log.warn({ code: failureCode(error) }, 'outbox could not be read'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.plan();
        }
      });
  }

  /** Stops sending; a mail being sent is finished first. Unsent mail stays in the outbox. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
    this.transporter.close();
  }

  /**
   * Plans the next run: when the next item is due, and at least every minute, so that items
   * another instance stored, or left when it stopped, are sent too.
   */
  private plan(): void {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.outbox.nextDueAt().then(
      (next) => {
        if (this.closed || this.running) return;
        const wait = next === undefined ? pollMs : Math.min(pollMs, Math.max(0, next - this.now().getTime()));
        this.timer = setTimeout(() => this.kick(), wait);
        this.timer.unref();
      },
      (error: unknown) => {
        this.log.warn({ code: failureCode(error) }, 'outbox could not be read');
        this.timer = setTimeout(() => this.kick(), pollMs);
        this.timer.unref();
      },
    );
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.outbox.take(this.now().getTime(), leaseMs);
      if (due.length === 0 || this.closed) return;
      for (const item of due) {
        if (this.closed) return;
        await this.send(item);
      }
    }
  }

  private async send(item: OutboxItem): Promise<void> {
    const attempts = item.attempts + 1;
    try {
      const { subject, text } = composeNotification(item, this.settings);
      await this.transporter.sendMail({ from: this.settings.from, to: this.settings.to, subject, text });
    } catch (error) {
      const code = failureCode(error);
      const delay = Math.min(this.retry.maxDelay, this.retry.baseDelay * 2 ** item.attempts) * (0.8 + Math.random() * 0.4);
      const retryAt = attempts >= this.retry.maxAttempts ? undefined : this.now().getTime() + Math.round(delay);
      await this.outbox.markFailed(item.id, code, retryAt, this.now());
      this.log.warn({ reference: item.reference, attempts, code, givenUp: retryAt === undefined }, 'notification failed');
      this.emit('failed', { reference: item.reference, attempts, code });
      return;
    }
    // If this write fails (the database is gone), the item's lease runs out and it is sent again: at least once.
    await this.outbox.markSent(item.id, this.now());
    this.log.info({ reference: item.reference, attempts }, 'notification sent');
    this.emit('sent', { reference: item.reference, attempts });
  }
}
