/**
 * The field and error-summary templates every Signaal form uses: the widget's form, its "my
 * signals" lookup and the receiver's inbox. They take texts already in the reader's language
 * and style through the shared classes of `base.styles.ts` (`.field`, `.hint`, `.error`,
 * `.error-summary`).
 *
 * @example
 * html`<form novalidate @submit=${this.onSubmit}>
 *   ${errorSummary({ id: 'summary', title: 'Er ging iets mis', items: [{ text: 'Vul je naam in.', field: 'name' }] })}
 *   ${textField({ id: 'name', label: 'Naam', value: this.name, error: 'Vul je naam in.', input: (value) => (this.name = value) })}
 * </form>`
 */
import { html, nothing, type TemplateResult } from 'lit';

/** One text field: a visible label, a hint, an error, and the control. */
export interface TextFieldOptions {
  /** The control's id; the hint and the error get `<id>-hint` and `<id>-error`. */
  id: string;
  label: string;
  /** Whether the field is required or optional, in words, after the label: "(verplicht)". */
  necessity?: string | undefined;
  required?: boolean | undefined;
  /** Locked, e.g. while the form is sending. */
  disabled?: boolean | undefined;
  hint?: string | undefined;
  /** What is wrong with the value; marks the control invalid and describes it. */
  error?: string | undefined;
  value: string;
  /** Called with the new value as the user types. */
  input: (value: string) => void;
  /** The input's type; `text` by default. */
  type?: string | undefined;
  /** `off` by default. */
  autocomplete?: string | undefined;
  /** A `<textarea>` with this many rows instead of an `<input>`. */
  rows?: number | undefined;
}

/** A labelled text field (see `TextFieldOptions`), in a `.field` block; `.invalid` while it has an error. */
export function textField(options: TextFieldOptions): TemplateResult {
  const { id, hint, error, required, disabled } = options;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = error ? 'true' : nothing;
  const input = (event: Event) => options.input((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${id}>${options.label} ${options.necessity ? html`<span class=${required ? 'required' : 'optional'}>${options.necessity}</span>` : nothing}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
    ${options.rows
      ? html`<textarea id=${id} rows=${options.rows} ?required=${required} ?disabled=${disabled} .value=${options.value} aria-describedby=${described} aria-invalid=${invalid} @input=${input}></textarea>`
      : html`<input
          id=${id}
          type=${options.type ?? 'text'}
          autocomplete=${options.autocomplete ?? 'off'}
          ?required=${required}
          ?disabled=${disabled}
          .value=${options.value}
          aria-describedby=${described}
          aria-invalid=${invalid}
          @input=${input}
        />`}
  </div>`;
}

/** One line of an error summary; with `field`, it links to that control's id. */
export interface ErrorSummaryItem {
  text: string;
  field?: string | undefined;
}

/** An error summary: the form moves focus to it (its `id`) after a failed submit. */
export interface ErrorSummaryOptions {
  id: string;
  title: string;
  items: readonly ErrorSummaryItem[];
  /** The heading's level: 3 in the widget (below the form's own heading), 2 on a page. */
  level?: 2 | 3;
}

/** Moves focus to the control a summary line links to, in the same document or shadow root. */
const focusField = (event: Event, field: string) => {
  event.preventDefault();
  ((event.currentTarget as Element).getRootNode() as Document | ShadowRoot).getElementById(field)?.focus();
};

/**
 * The error summary (as GOV.UK's): a group labelled by its heading, one line per error, each
 * linking to its field. Nothing when there are no errors.
 */
export function errorSummary({ id, title, items, level = 3 }: ErrorSummaryOptions): TemplateResult | typeof nothing {
  if (!items.length) return nothing;
  return html`<div class="error-summary" id=${id} tabindex="-1" role="group" aria-labelledby="${id}-title">
    ${level === 2 ? html`<h2 id="${id}-title">${title}</h2>` : html`<h3 id="${id}-title">${title}</h3>`}
    <ul>
      ${items.map(
        ({ text, field }) => html`<li>${field ? html`<a href="#${field}" @click=${(event: Event) => focusField(event, field)}>${text}</a>` : text}</li>`,
      )}
    </ul>
  </div>`;
}
