/**
 * The widget's default texts per language, each in a chunk of its own, fetched once per page for
 * the language an element resolves to (the button asks for its page's language as it opens, so
 * the texts arrive with the form's code). The texts of "good to know" and "my signals" come with
 * their own chunks and are added here.
 */
import { lazy } from '../lazy.js';
import type { WidgetLocale } from '../locale.js';
import type { InfoMessages } from './info.js';
import type { MineMessages } from './mine.js';
import type { FormMessages, MessageKey } from './nl.js';

const dutch = lazy(() => import('./nl.js').then((module): FormMessages => module.nl));
const english = lazy(() => import('./en.js').then((module): FormMessages => module.en));

/** Texts of an on-demand part, in both languages. */
type PartTexts<T> = Readonly<Record<WidgetLocale, T>>;

const parts: { info?: PartTexts<InfoMessages>; mine?: PartTexts<MineMessages> } = {};

/** The form's texts of a language, if they are here already. */
export const loadedMessages = (locale: WidgetLocale): FormMessages | undefined => (locale === 'nl' ? dutch : english).current;

/** Fetches the form's texts of a language; rejects when the chunk could not be loaded (a later call tries again). */
export const loadMessages = (locale: WidgetLocale): Promise<FormMessages> => (locale === 'nl' ? dutch : english)();

/** Fetches the texts of "good to know" once per page (a later call tries again after a failure). */
export const loadInfoTexts = lazy(() =>
  import('./info.js').then((module) => (parts.info = { nl: module.infoNl, en: module.infoEn })),
);

/** Adds the texts of "my signals", which its chunk brings along. */
export const addMineTexts = (texts: PartTexts<MineMessages>): void => {
  parts.mine = texts;
};

/** A default text, if the part it belongs to is here. */
export function defaultText(locale: WidgetLocale, key: MessageKey): string | undefined {
  return (
    (loadedMessages(locale) as Partial<Record<MessageKey, string>> | undefined)?.[key] ??
    (parts.info?.[locale] as Partial<Record<MessageKey, string>> | undefined)?.[key] ??
    (parts.mine?.[locale] as Partial<Record<MessageKey, string>> | undefined)?.[key]
  );
}
