import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fill, resolveLocale, type WidgetLocale } from './locale.js';
import { defaultText, loadedMessages, loadMessages } from './messages/load-messages.js';
import { changedJson } from './same-json.js';
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

/** Where a form's texts come from: its element (for `lang`), the configured language, the overrides. */
interface TextsSource {
  configured?: WidgetLocale | undefined;
  overrides: readonly (TextOverrides | undefined)[];
}

/**
 * A form's texts: the language its element asks for (see `resolveLocale`), fetched before it is
 * shown. Until they are here the previous language stays on screen (or, at first, nothing:
 * `shown` is undefined), so the form is never half translated. If they cannot be fetched,
 * Dutch is shown; if those cannot be fetched either, `failed` says so.
 */
export class TextsController implements ReactiveController {
  /** The language on screen; undefined until the first language's texts are here. */
  shown: WidgetLocale | undefined;
  /** Neither the asked language's texts nor the Dutch ones could be fetched. */
  failed = false;
  /** Settles once the asked language's texts are shown (or Dutch, if they failed to load). */
  ready: Promise<void> = Promise.resolve();
  /** The texts on screen; made anew when the language or an override changes, so the parts re-render then. */
  texts: Texts = textsFor('nl');
  /** The language being fetched, so each switch fetches once. */
  #wanted: WidgetLocale | undefined;
  #from: readonly unknown[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly source: () => TextsSource,
  ) {
    host.addController(this);
  }

  /** The language the page asks for. */
  get asked(): WidgetLocale {
    return resolveLocale(this.host, this.source().configured);
  }

  hostUpdate(): void {
    this.#use(this.asked);
    const locale = this.shown ?? 'nl';
    const from = [locale, ...this.source().overrides];
    // Overrides compare by value: a host framework hands equal but new objects on every render.
    if (changedJson(from, this.#from)) {
      this.#from = from;
      this.texts = textsFor(locale, ...this.source().overrides);
    }
  }

  #use(locale: WidgetLocale): void {
    if (loadedMessages(locale)) {
      this.shown = locale;
      this.#wanted = undefined;
      return;
    }
    if (this.#wanted === locale) return;
    this.#wanted = locale;
    this.ready = loadMessages(locale).then(
      () => {
        if (this.#wanted === locale) this.host.requestUpdate();
      },
      () => {
        if (this.#wanted !== locale) return;
        if (locale === 'nl') return this.#lost();
        console.error(`[signaal] The ${locale} texts could not be loaded; the form is shown in Dutch.`);
        return loadMessages('nl').then(
          () => {
            if (this.#wanted !== locale) return;
            this.shown = 'nl';
            this.host.requestUpdate();
          },
          () => this.#lost(),
        );
      },
    );
  }

  #lost(): void {
    console.error('[signaal] The texts of the form could not be loaded.');
    this.failed = true;
    this.host.requestUpdate();
  }
}
