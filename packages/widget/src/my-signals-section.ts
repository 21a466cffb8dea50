import type { SignaalClient, WidgetConfig } from '@signaal/sdk';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { definePart } from './form-part.js';
import { addTexts } from './messages/load-messages.js';
import { delivery } from './network.js';
import type { SignaalMySignals } from './signaal-my-signals.js';
import type { Texts } from './texts.js';

type LoadState = 'none' | 'loading' | 'failed' | 'ready';

/** What the section shows, from the form. */
export interface MySignalsView {
  texts: Texts;
  client: SignaalClient | undefined;
  config: WidgetConfig;
  /** The officer's name, or how the texts name them. */
  officer: string;
}

/**
 * The "my signals" section of `<signaal-form>` (its `mine` part). Its summary and introduction
 * show at once; `<signaal-my-signals>` and the HTTP client are on-demand chunks, fetched when
 * the section first opens, with a loading line and, if they cannot be fetched, a way to try again.
 * The form renders it (`render()`) and tells it of a new receipt (`refresh()`); `announce('')`
 * clears the form's live region.
 */
export class MySignalsSection {
  #open = false;
  /** The part's code: not asked for yet, loading, failed to load, or there. */
  #state: LoadState = 'none';
  #texts: Texts | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly announce: (text: string) => void,
  ) {}

  get #part(): SignaalMySignals | null {
    return this.host.renderRoot.querySelector('signaal-my-signals');
  }

  /** Fetches every status again if the section is open, e.g. after a delivery. */
  refresh(): void {
    if (this.#open) void this.#part?.refresh();
  }

  #onToggle = (event: Event) => {
    const open = (event.target as HTMLDetailsElement).open;
    if (open === this.#open) return;
    this.#open = open;
    this.host.requestUpdate();
    if (!open) this.#part?.stop();
    else if (this.#state === 'ready') void this.#part?.refresh();
    else void this.#load();
  };

  async #load(): Promise<void> {
    if (this.#state === 'loading') return;
    this.#set('loading');
    this.announce(this.#texts!.t('mineOpening'));
    try {
      const [{ SignaalMySignals, mineTexts }] = await Promise.all([import('./signaal-my-signals.js'), delivery()]);
      addTexts(mineTexts);
      definePart('signaal-my-signals', SignaalMySignals);
      this.#set('ready');
      this.announce('');
      await this.host.updateComplete;
      if (this.#open) await this.#part?.refresh();
    } catch {
      this.#set('failed');
      this.announce(this.#texts!.t('mineLoadFailed'));
    }
  }

  #set(state: LoadState): void {
    this.#state = state;
    this.host.requestUpdate();
  }

  render({ texts, client, config, officer }: MySignalsView) {
    this.#texts = texts;
    const { t } = texts;
    const state = this.#state;
    return html`<details class="mine" part="mine" id="f-mine" .open=${this.#open} @toggle=${this.#onToggle}>
      <summary>${t('mineTitle')}</summary>
      <p>${t('mineIntro', { officer })}</p>
      ${
        state === 'ready'
          ? html`<signaal-my-signals
              .texts=${texts}
              .client=${client}
              .keepReceipts=${Boolean(config.keepReceipts)}
              .showStats=${Boolean(config.showStats)}
            ></signaal-my-signals>`
          : state === 'failed'
            ? html`<p class="error">${t('mineLoadFailed')}</p>
                <button class="secondary" type="button" @click=${() => void this.#load()}>${t('retry')}</button>`
            : state === 'loading'
              ? html`<p class="hint">${t('mineOpening')}</p>`
              : nothing
      }
    </details>`;
  }
}
