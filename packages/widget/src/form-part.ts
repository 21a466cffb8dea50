import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { SignaalAnnounceEvent } from './part-events.js';
import type { Texts } from './texts.js';

/**
 * Defines a part's tag unless it is defined already. As `define` in registry.ts, which the
 * script-tag entry carries: importing that into the form's chunk would cost the entry bytes.
 */
export const definePart = (tag: string, part: CustomElementConstructor): void => {
  if (!customElements.get(tag)) customElements.define(tag, part);
};

/**
 * A visible part of `<signaal-form>`: the status panel, the officer card, "good to know", "my
 * signals". Data comes down as properties, news goes up as events that stay inside the form.
 *
 * A part renders into the form's shadow root, not into one of its own: ids stay in one tree (a
 * label's `for`, `aria-labelledby`, the error summary's links), the form's stylesheet applies,
 * and the form's documented parts (`::part(officer)`, `::part(status)`) stay reachable.
 */
export class FormPart extends LitElement {
  /** The form's texts in the language on screen. */
  @property({ attribute: false }) texts!: Texts;

  /**
   * Renders a pending update at once. The form calls this as it renders, so the form and its
   * parts change together (in one language, say) rather than a microtask apart.
   */
  renderPending(): void {
    this.performUpdate();
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Asks the form to say `text` in its live region. */
  protected announce(text: string, returnFocus = false): void {
    this.dispatchEvent(new SignaalAnnounceEvent(text, returnFocus));
  }
}
