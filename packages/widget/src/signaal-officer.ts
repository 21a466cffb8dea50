import type { Officer } from '@signaal/sdk';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { FormPart } from './form-part.js';
import { telUrl, webUrl } from './web-url.js';

/**
 * The designated officer's card in `<signaal-form>` (the form's `officer` part): photo, name,
 * role and how to reach them, so the employee knows who reads their signal.
 */
export class SignaalOfficer extends FormPart {
  /** The officer from the configuration. */
  @property({ attribute: false }) officer!: Officer;

  override render() {
    const { t } = this.texts;
    const officer = this.officer;
    const photo = webUrl(officer.photo);
    return html`<section class="officer" part="officer" aria-labelledby="f-officer-title">
      ${photo ? html`<img src=${photo} alt=${t('officerPhoto', { name: officer.name })} width="72" height="72" />` : nothing}
      <div>
        <h3 id="f-officer-title" class="small">${t('officerTitle')}</h3>
        <p class="officer-name">${officer.name}</p>
        ${officer.role ? html`<p>${officer.role}</p>` : nothing}
        ${officer.phone ? html`<p>${t('officerPhone')}: <a href=${telUrl(officer.phone)}>${officer.phone}</a></p>` : nothing}
        ${officer.email ? html`<p>${t('officerEmail')}: <a href="mailto:${officer.email}">${officer.email}</a></p>` : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'signaal-officer': SignaalOfficer;
  }
}
