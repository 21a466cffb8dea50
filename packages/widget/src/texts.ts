import { fill, type WidgetLocale } from './locale.js';
import { defaultText } from './messages/load-messages.js';
import type { MessageKey } from './messages/nl.js';

/** Text overrides per language, as in the `messages` property and `config.messages`. */
export type TextOverrides = Partial<Record<WidgetLocale, Partial<Record<MessageKey, string>> | undefined>>;

/** The texts a form shows, in one language; the form hands them to its parts as a property. */
export interface Texts {
  readonly locale: WidgetLocale;
  /** The text for `key`, with its `{name}` placeholders filled in as plain text; may be called unbound. */
  t(key: MessageKey, values?: Record<string, string>): string;
}

/** A language's texts: each override in turn (the host's, then the configuration's), then the defaults. */
export const textsFor = (locale: WidgetLocale, ...overrides: (TextOverrides | undefined)[]): Texts => ({
  locale,
  t(key, values) {
    let text: string | undefined;
    for (const messages of overrides) text ??= messages?.[locale]?.[key];
    return fill(text ?? defaultText(locale, key) ?? '', values);
  },
});
