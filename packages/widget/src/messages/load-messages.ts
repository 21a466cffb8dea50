/**
 * The form's texts per language. Dutch is the source and ships with the form; English is its
 * own chunk, fetched only when an element resolves to English, once per page.
 */
import type { WidgetLocale } from '../locale.js';
import { nl, type Messages } from './nl.js';

const loaded: Partial<Record<WidgetLocale, Messages>> = { nl };
let english: Promise<Messages> | undefined;

/** The texts of a language, if they are here already. */
export const loadedMessages = (locale: WidgetLocale): Messages | undefined => loaded[locale];

/** Fetches a language's texts; rejects when the chunk could not be loaded (a later call tries again). */
export function loadMessages(locale: WidgetLocale): Promise<Messages> {
  if (locale === 'nl') return Promise.resolve(nl);
  english ??= import('./en.js').then(
    (module) => (loaded.en = module.en),
    (error: unknown) => {
      english = undefined;
      throw error;
    },
  );
  return english;
}
