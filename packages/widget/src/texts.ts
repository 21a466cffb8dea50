import { ConfigError, type WidgetConfig } from '@signaal/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SignaalErrorEvent } from './events.js';
import { resolveLocale, type WidgetLocale } from './locale.js';
import type { InfoMessages } from './messages/info.js';
import { loadedMessages, loadMessages, textsFor, type MessageOverrides, type Texts } from './messages/load-messages.js';
import type { MineMessages } from './messages/mine.js';
import type { FormMessages } from './messages/nl.js';
import { changedJson } from './same-json.js';

export { textsFor, type MessageOverrides, type Texts } from './messages/load-messages.js';

/** The keys of the on-demand texts ("good to know", "my signals"), known before their chunks are here; one string, as it costs the fewest bytes. */
const laterKeyList =
  'infoShareBody infoNextBody infoExternalMunicipality infoExternalEmployee infoExternalUnknown why1 why2 why3 why4 why5 why6 faqAnonymousQ faqAnonymousA faqAccusationQ faqAccusationA faqSureQ faqSureA mineKeptHint mineRefresh mineLoading mineLoaded mineSomeFailed mineFailed mineNotFound mineForget mineForgotten mineSentAt mineState mineUpdatedAt mineMessage state.received state.in-progress state.forwarded state.closed lookupTitle lookupHint lookupReference lookupToken lookupSubmit invalid.lookupReference invalid.lookupToken statsTitle statsLoading statsTotal statsForwarded statsCount#one statsCount#other statsFew#one statsFew#other';
const laterKeys = new Set(laterKeyList.split(' '));

type Words<Text extends string, Found = never> = Text extends `${infer Word} ${infer Rest}` ? Words<Rest, Found | Word> : Found | Text;
type LaterKey = keyof InfoMessages | keyof MineMessages;
type None<Missing extends never> = Missing;
/**
 * `laterKeyList` holds exactly the keys of those chunks: a type error names one missing or unknown.
 * Two checks, not one union: both sides are `never` when all is well, and a linter would fold
 * `never | never` into one and drop the second check.
 */
export type LaterKeysExact = [None<Exclude<LaterKey, Words<typeof laterKeyList>>>, None<Exclude<Words<typeof laterKeyList>, LaterKey>>];

/**
 * What is wrong in text overrides, as paths (`nl.titel`): a language the widget does not ship, a
 * key it does not have, or a text that is not a string. Names keys, never the texts.
 * `catalogue` is the form's texts in either language (both have the same keys).
 */
export function wrongOverrides(overrides: unknown, catalogue: FormMessages): string[] {
  if (overrides == null) return [];
  if (typeof overrides !== 'object' || Array.isArray(overrides)) return ['(root)'];
  const wrong: string[] = [];
  for (const [locale, texts] of Object.entries(overrides as Record<string, unknown>)) {
    if (texts === undefined && (locale === 'nl' || locale === 'en')) continue;
    if ((locale !== 'nl' && locale !== 'en') || typeof texts !== 'object' || !texts || Array.isArray(texts)) {
      wrong.push(locale);
      continue;
    }
    for (const [key, text] of Object.entries(texts)) {
      const known = Object.hasOwn(catalogue, key) || laterKeys.has(key);
      if (!known || typeof text !== 'string') wrong.push(`${locale}.${key}`);
    }
  }
  return wrong;
}

/**
 * Rejects a configuration whose `messages` name a text the widget does not have, as the SDK
 * rejects an unknown field: the form then shows its configuration error. Waits for the form's
 * texts in `locale` (which the form needs anyway); if no texts can be fetched, there is nothing
 * to check against and the form says so itself.
 */
export async function checkConfigTexts(config: WidgetConfig, locale: WidgetLocale): Promise<WidgetConfig> {
  if (!config.messages) return config;
  const catalogue = await loadMessages(locale)
    .catch(() => loadMessages('nl'))
    .catch(() => undefined);
  const wrong = catalogue ? wrongOverrides(config.messages, catalogue) : [];
  if (wrong.length)
    throw new ConfigError(
      'Unknown texts in messages.',
      wrong.map((path) => ({ path: `messages.${path}`, code: 'unknown-key' })),
    );
  return config;
}

/** Where a form's texts come from: its element (for `lang`), the configured language, the overrides. */
interface TextsSource {
  configured?: WidgetLocale | undefined;
  /** The element's `messages` property: checked here. */
  messages: unknown;
  /** The configuration's `messages`, checked with the configuration (see `checkConfigTexts`). */
  fromConfig?: MessageOverrides | undefined;
}

/**
 * A form's texts: the language its element asks for (see `resolveLocale`), fetched before it is
 * shown. Until they are here the previous language stays on screen (or, at first, nothing:
 * `shown` is undefined), so the form is never half translated. If they cannot be fetched,
 * Dutch is shown; if those cannot be fetched either, `failed` says so.
 *
 * The `messages` property is checked once the form's texts are here: an unknown language or key,
 * or a text that is not a string, is logged once (naming the keys, never the texts) and fires
 * `signaal-error` (`invalid-config`); those entries are left out and the defaults show instead,
 * while the property's valid texts stay. The form stays usable: a mistyped key must not take the
 * route to the officer away from employees.
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
  /** The `messages` property as last checked, so each value is reported once. */
  #checked: readonly unknown[] = [];
  #report = false;

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
    const { messages, fromConfig } = this.source();
    const locale = this.shown ?? 'nl';
    const catalogue = loadedMessages(locale);
    if (catalogue && changedJson([messages], this.#checked)) {
      this.#checked = [messages];
      const wrong = wrongOverrides(messages, catalogue);
      if (wrong.length) {
        console.error('[signaal] Unknown texts or no text in the messages property, left out:', wrong.join(', '));
        this.#report = true;
      }
    }
    const from = [locale, messages, fromConfig];
    // Overrides compare by value: a host framework hands equal but new objects on every render.
    if (changedJson(from, this.#from)) {
      this.#from = from;
      this.texts = textsFor(locale, messages as MessageOverrides | undefined, fromConfig);
    }
  }

  hostUpdated(): void {
    if (!this.#report) return;
    this.#report = false;
    this.host.dispatchEvent(new SignaalErrorEvent('invalid-config'));
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
