/**
 * The widget's texts, one mechanism for all of them: `textsFor(locale, overrides).t(key, values)`.
 * The default texts come per language in a chunk of their own, fetched once per page for the
 * language an element resolves to (the button asks for its page's language as it opens, so the
 * texts arrive with the form's code). The button's few texts ship with the entry; those of "good
 * to know" and "my signals" come with their own chunks and are added here.
 */
import { lazy } from '../lazy.js';
import type { WidgetLocale } from '../locale.js';
import { buttonEn, buttonNl } from './button.js';
import type { CountKey, FormMessages, MessageKey, Messages } from './nl.js';

const dutch = lazy(() => import('./nl.js').then((module): FormMessages => module.nl));
const english = lazy(() => import('./en.js').then((module): FormMessages => module.en));

/** Default texts that are here without the form's catalogue: the button's, and those on-demand parts brought along. */
const added: Record<WidgetLocale, Partial<Messages>> = { nl: { ...buttonNl }, en: { ...buttonEn } };

/** Adds the default texts an on-demand part brings (both languages). */
export const addTexts = (texts: Readonly<Record<WidgetLocale, Partial<Messages>>>): void => {
  Object.assign(added.nl, texts.nl);
  Object.assign(added.en, texts.en);
};

/** The form's texts of a language, if they are here already. */
export const loadedMessages = (locale: WidgetLocale): FormMessages | undefined => (locale === 'nl' ? dutch : english).current;

/** Fetches the form's texts of a language; rejects when the chunk could not be loaded (a later call tries again). */
export const loadMessages = (locale: WidgetLocale): Promise<FormMessages> => (locale === 'nl' ? dutch : english)();

/** Fetches the texts of "good to know" once per page (a later call tries again after a failure). */
export const loadInfoTexts = lazy(() =>
  import('./info.js').then((module) => {
    addTexts({ nl: module.infoNl, en: module.infoEn });
    return module;
  }),
);

/** Text overrides per language, as in the `messages` property and `config.messages`: only the widget's own keys. */
export type MessageOverrides = Partial<Record<WidgetLocale, Partial<Messages> | undefined>>;

/** Values for a text's `{name}` placeholders, filled in as plain text (numbers in the language's notation). */
export type TextValues = Record<string, string | number>;

/** The texts an element shows, in one language. */
export interface Texts {
  readonly locale: WidgetLocale;
  /** The text that counts `count`: its plural form for that number (`Intl.PluralRules`), placeholders filled in. May be called unbound. */
  t(this: void, key: CountKey, values: TextValues & { count: number }): string;
  /** The text for `key`, with its `{name}` placeholders filled in as plain text. May be called unbound. */
  t(this: void, key: MessageKey, values?: TextValues): string;
}

/**
 * A language's texts: each override in turn (the host's, then the configuration's), then the
 * defaults. An override that is not a string is passed over, as if it were not there.
 */
export const textsFor = (locale: WidgetLocale, ...overrides: Array<MessageOverrides | undefined>): Texts => {
  const text = (key: keyof Messages): string | undefined => {
    for (const messages of overrides) {
      const given: unknown = messages?.[locale]?.[key];
      if (typeof given === 'string') return given;
    }
    return (loadedMessages(locale) as Partial<Messages> | undefined)?.[key] ?? added[locale][key];
  };
  return {
    locale,
    t(key: CountKey | MessageKey, values: TextValues = {}) {
      const { count } = values;
      const chosen =
        typeof count === 'number'
          ? (text(`${key}#${new Intl.PluralRules(locale).select(count)}` as keyof Messages) ?? text(`${key}#other` as keyof Messages))
          : text(key as MessageKey);
      return (chosen ?? '').replace(/\{(\w+)\}/g, (match, name: string) => {
        const value = values[name];
        return value === undefined ? match : typeof value === 'number' ? value.toLocaleString(locale) : value;
      });
    },
  };
};
