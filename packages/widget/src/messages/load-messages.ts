/**
 * The widget's default texts per language, each in a chunk of its own, fetched once per page for
 * the language an element resolves to (the button asks for its page's language as it opens, so
 * the texts arrive with the form's code). The texts of "good to know" and "my signals" come with
 * their own chunks and are added here.
 */
import { lazy } from '../lazy.js';
import type { WidgetLocale } from '../locale.js';
import type { FormMessages, MessageKey, Messages } from './nl.js';

const dutch = lazy(() => import('./nl.js').then((module): FormMessages => module.nl));
const english = lazy(() => import('./en.js').then((module): FormMessages => module.en));

/** Default texts that on-demand parts brought along, per language. */
const added: Record<WidgetLocale, Partial<Messages>> = { nl: {}, en: {} };

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

/** A default text, if the part it belongs to is here. */
export const defaultText = (locale: WidgetLocale, key: MessageKey): string | undefined =>
  (loadedMessages(locale) as Partial<Messages> | undefined)?.[key] ?? added[locale][key];
