import { externalRoutes, type WidgetConfig } from '@signaal/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FormPart } from './form-part.js';
import { loadInfoTexts } from './messages/load-messages.js';
import type { MessageKey } from './messages/nl.js';
import { telUrl, webUrl } from './web-url.js';

const whyKeys = ['why1', 'why2', 'why3', 'why4', 'why5', 'why6'] as const;

/**
 * "Good to know" in `<signaal-form>` (the form's `info` part): what to share, what happens next,
 * who reports outside the municipality, why it matters, questions, links and the phone routes.
 * The headings show at once; the bodies are an on-demand chunk, fetched when a section first opens.
 *
 * @event signaal-announce - The bodies could not be loaded (said in the form's live region).
 */
export class SignaalInfo extends FormPart {
  /** The configuration, for its FAQ, links and who reports outside; none while it is not usable. */
  @property({ attribute: false }) config?: WidgetConfig | undefined;
  /** Opens the phone routes, for when the form itself does not work. */
  @property({ attribute: false }) openRoutes = false;

  /** Fetching the bodies, or failed to (once here, they stay for the page). */
  @state() private view: 'none' | 'loading' | 'failed' = 'none';

  #onToggle = (event: Event) => {
    if ((event.target as HTMLDetailsElement).open && !loadInfoTexts.current && this.view !== 'loading') void this.#load();
  };

  async #load(): Promise<void> {
    this.view = 'loading';
    try {
      await loadInfoTexts();
      this.view = 'none';
    } catch {
      this.view = 'failed';
      this.announce(this.texts.t('infoLoadFailed'));
    }
  }

  /** One section: its heading at once, its body once the texts are here. */
  #section(summary: MessageKey, body: () => TemplateResult) {
    const failed = this.view === 'failed';
    return html`<details @toggle=${this.#onToggle}>
      <summary>${this.texts.t(summary)}</summary>
      ${loadInfoTexts.current ? body() : html`<p class=${failed ? 'error' : 'hint'}>${this.texts.t(failed ? 'infoLoadFailed' : 'infoLoading')}</p>`}
    </details>`;
  }

  override render() {
    const { t, locale } = this.texts;
    const config = this.config;
    const external = config?.externalReporting;
    const faq = () => [
      ...(['faqAnonymous', 'faqAccusation', 'faqSure'] as const).map((key) => ({ question: t(`${key}Q`), answer: t(`${key}A`) })),
      ...(config?.faq ?? []),
    ];
    const resources = (config?.resources ?? []).filter((item) => webUrl(item.url));
    return html`<section class="info" part="info" aria-labelledby="f-info-title">
      <h3 id="f-info-title">${t('infoTitle')}</h3>
      ${this.#section('infoShare', () => html`<p>${t('infoShareBody')}</p>`)}
      ${this.#section('infoNext', () => html`<p>${t('infoNextBody')}</p>`)}
      ${this.#section(
        'infoExternal',
        () =>
          html`<p>
            ${t(external === 'municipality' ? 'infoExternalMunicipality' : external === 'employee' ? 'infoExternalEmployee' : 'infoExternalUnknown')}
          </p>`,
      )}
      ${this.#section(
        'infoWhy',
        () =>
          html`<ul>
            ${whyKeys.map((key) => html`<li>${t(key)}</li>`)}
          </ul>`,
      )}
      ${this.#section(
        'infoFaq',
        () =>
          html`<dl>
            ${faq().map(
              (entry) =>
                html`<dt>${entry.question}</dt>
                  <dd>${entry.answer}</dd>`,
            )}
          </dl>`,
      )}
      ${
        resources.length
          ? html`<details>
              <summary>${t('infoResources')}</summary>
              <ul>
                ${resources.map(
                  (item) =>
                    html`<li>
                      ${t(`resource.${item.kind}`)}:
                      <a href=${webUrl(item.url) ?? ''} target="_blank" rel="noopener noreferrer"
                        >${item.title} <span class="visually-hidden">${t('externalLink')}</span></a
                      >
                    </li>`,
                )}
              </ul>
            </details>`
          : nothing
      }
      <details ?open=${this.openRoutes}>
        <summary>${t('infoRoutes')}</summary>
        <ul>
          ${externalRoutes.map(
            (route) =>
              html`<li>
                ${route.name[locale]}:
                <a href=${telUrl(route.phone)}>${t('routeCall', { phone: route.phone })}</a
                >${route.note ? html` (${route.note[locale]})` : nothing}
              </li>`,
          )}
        </ul>
      </details>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-info': SignaalInfo;
  }
}
