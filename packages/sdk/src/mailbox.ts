import { findIndicator } from './indicators.js';
import type { Locale, Signal } from './schemas.js';

/** A signal composed for the municipality's mailbox. */
export interface MailMessage {
  /** A `mailto:` URL within `maxLength`, to open the employee's mail program. */
  href: string;
  subject: string;
  /** The body inside `href`; shortened (and saying so) when the full text does not fit. */
  body: string;
  /** The full message as plain text, for copying. Never shortened. */
  text: string;
  /** Whether `body` had to be shortened to fit `maxLength`. */
  truncated: boolean;
}

export interface ComposeMailOptions {
  /** The mailbox address. */
  to: string;
  /** Longest `mailto:` URL to produce. Mail programs on Windows stop around 2,000 characters. */
  maxLength?: number;
}

const labels = {
  nl: {
    subject: { signal: 'Signaal: melding', sparring: 'Signaal: graag sparren' },
    description: { signal: 'Wat ik zag of hoorde', sparring: 'Waarover ik wil sparren' },
    indicators: 'Signalen',
    setting: 'Situatie',
    settings: {
      counter: 'aan de balie',
      'home-visit': 'bij een huisbezoek',
      inspection: 'bij een controle',
      phone: 'aan de telefoon',
      other: 'anders',
    },
    place: 'Plaats',
    time: 'Wanneer',
    caseReference: 'Zaaknummer',
    sourceSystem: 'Systeem',
    reporter: 'Melder',
    callback: 'Terugbellen',
    confidentiality: 'Vertrouwelijkheid',
    confidentialities: { confidential: 'vertrouwelijk (alleen de aandachtsfunctionaris weet wie ik ben)', anonymous: 'anoniem' },
    id: 'Kenmerk',
    truncated: '[Ingekort. Plak hier de volledige tekst die je hebt gekopieerd.]',
  },
  en: {
    subject: { signal: 'Signaal: report', sparring: 'Signaal: request to talk it through' },
    description: { signal: 'What I saw or heard', sparring: 'What I would like to talk about' },
    indicators: 'Signs',
    setting: 'Setting',
    settings: {
      counter: 'at the counter',
      'home-visit': 'on a home visit',
      inspection: 'during an inspection',
      phone: 'on the phone',
      other: 'other',
    },
    place: 'Place',
    time: 'When',
    caseReference: 'Case reference',
    sourceSystem: 'System',
    reporter: 'Reporter',
    callback: 'Call back',
    confidentiality: 'Confidentiality',
    confidentialities: { confidential: 'confidential (only the designated officer knows who I am)', anonymous: 'anonymous' },
    id: 'Reference',
    truncated: '[Shortened. Paste the full text you copied here.]',
  },
} as const;

const line = (label: string, value: string | undefined) => (value ? `${label}: ${value}` : undefined);

function details(signal: Signal, locale: Locale): string[] {
  const t = labels[locale];
  const reporter = signal.reporter;
  const lines = [
    signal.kind === 'signal'
      ? line(t.indicators, signal.indicators?.map((id) => findIndicator(id)?.label[locale] ?? id).join('; '))
      : undefined,
    signal.kind === 'signal' && signal.setting ? line(t.setting, t.settings[signal.setting]) : undefined,
    signal.kind === 'signal' ? line(t.place, signal.place) : undefined,
    line(t.time, signal.time),
    signal.kind === 'signal' ? line(t.caseReference, signal.caseReference) : undefined,
    line(t.sourceSystem, signal.sourceSystem),
    line(t.reporter, [reporter?.name, reporter?.department, reporter?.phone, reporter?.email].filter(Boolean).join(', ')),
    line(t.callback, [reporter?.callback?.how, reporter?.callback?.when].filter(Boolean).join(', ')),
    line(t.confidentiality, t.confidentialities[signal.confidentiality]),
    line(t.id, signal.id),
  ];
  return lines.filter((value): value is string => Boolean(value));
}

const compose = (heading: string, description: string, rest: string[]) => [`${heading}:`, description, '', ...rest].join('\n');

const mailto = (to: string, subject: string, body: string) =>
  `mailto:${encodeURIComponent(to).replace('%40', '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replaceAll('\n', '\r\n'))}`;

/**
 * Composes a signal for the mailbox route: a `mailto:` URL that fits what mail programs accept,
 * and the full plain text for copying.
 *
 * @example
 * const mail = composeMail(signal, { to: 'signalen@gemeente.nl' });
 * window.location.href = mail.href;
 */
export function composeMail(signal: Signal, { to, maxLength = 2_000 }: ComposeMailOptions): MailMessage {
  const locale = signal.locale;
  const t = labels[locale];
  const subject = t.subject[signal.kind];
  const heading = t.description[signal.kind];
  const rest = details(signal, locale);
  const text = compose(heading, signal.description, rest);
  const full = mailto(to, subject, text);
  if (full.length <= maxLength) return { href: full, subject, body: text, text, truncated: false };

  // Shorten the description (the only long field) to the longest prefix whose URL still fits.
  const chars = Array.from(signal.description);
  const shortened = (count: number) => compose(heading, `${chars.slice(0, count).join('')}…\n${t.truncated}`, rest);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (mailto(to, subject, shortened(middle)).length <= maxLength) low = middle;
    else high = middle - 1;
  }
  let body = shortened(low);
  if (mailto(to, subject, body).length > maxLength) body = compose(heading, t.truncated, []);
  return { href: mailto(to, subject, body), subject, body, text, truncated: true };
}
