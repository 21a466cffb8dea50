/**
 * The field and error-summary templates every Signaal form uses: the widget's form, its "my
 * signals" lookup and the receiver's inbox (through `@signaal/widget/fields`). They take texts
 * already in the reader's language and style through the shared classes of `base.styles.ts`
 * (`.field`, `.hint`, `.error`, `.error-summary`).
 *
 * @example
 * html`<form novalidate @submit=${this.onSubmit}>
 *   ${errorSummary({ id: 'summary', title: 'Er ging iets mis', items: [{ text: 'Vul je naam in.', field: 'name' }] })}
 *   ${textField({ id: 'name', label: 'Naam', value: this.name, error: 'Vul je naam in.', input: (value) => (this.name = value) })}
 * </form>`
 */
import { html, nothing, type TemplateResult } from 'lit';

/** What every field has around its control: a visible label, a hint and an error. */
export interface FieldOptions {
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
}

/** The ARIA a field's control carries: its hint and error, and whether it is invalid. */
interface ControlAria {
  describedby: string | typeof nothing;
  invalid: 'true' | typeof nothing;
}

/** A `.field` block, `.invalid` while it has an error: the label, the hint, the error, then the control. */
function field(options: FieldOptions, control: (aria: ControlAria) => TemplateResult): TemplateResult {
  const { id, hint, error, required } = options;
  const describedby = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${id}
      >${options.label}
      ${options.necessity ? html`<span class=${required ? 'required' : 'optional'}>${options.necessity}</span>` : nothing}</label
    >
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing} ${control({ describedby, invalid: error ? 'true' : nothing })}
  </div>`;
}

/** One text field: a visible label, a hint, an error, and the control. */
export interface TextFieldOptions extends FieldOptions {
  value: string;
  /** Called with the new value as the user types; without it, the form reads the field on submit (`name`). */
  input?: ((value: string) => void) | undefined;
  /** The control's name in the form's data. */
  name?: string | undefined;
  /** The input's type; `text` by default. */
  type?: string | undefined;
  /** `off` by default. */
  autocomplete?: string | undefined;
  /** E.g. `none` for a username, `characters` for a reference. */
  autocapitalize?: string | undefined;
  /** `false` for what is no prose (a username, a reference): no underlining, and nothing sent to a spelling service. */
  spellcheck?: boolean | undefined;
  /** A `<textarea>` with this many rows instead of an `<input>`. */
  rows?: number | undefined;
  /** The textarea's most characters. */
  maxlength?: number | undefined;
}

/** A labelled text field (see `TextFieldOptions`), in a `.field` block; `.invalid` while it has an error. */
export function textField(options: TextFieldOptions): TemplateResult {
  const { id, required, disabled } = options;
  const input = (event: Event) => options.input?.((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  const name = options.name ?? nothing;
  return field(options, ({ describedby, invalid }) =>
    options.rows
      ? html`<textarea
          id=${id}
          name=${name}
          rows=${options.rows}
          maxlength=${options.maxlength ?? nothing}
          ?required=${required}
          ?disabled=${disabled}
          .value=${options.value}
          aria-describedby=${describedby}
          aria-invalid=${invalid}
          @input=${input}
        ></textarea>`
      : html`<input
          id=${id}
          name=${name}
          type=${options.type ?? 'text'}
          autocomplete=${options.autocomplete ?? 'off'}
          autocapitalize=${options.autocapitalize ?? nothing}
          spellcheck=${options.spellcheck === undefined ? nothing : String(options.spellcheck)}
          ?required=${required}
          ?disabled=${disabled}
          .value=${options.value}
          aria-describedby=${describedby}
          aria-invalid=${invalid}
          @input=${input}
        />`,
  );
}

/** One choice of a select field. */
export interface SelectChoice {
  value: string;
  label: string;
}

/** One select field: a visible label, a hint, an error, and a `<select>` of choices. */
export interface SelectFieldOptions extends FieldOptions {
  /** The chosen choice's value. */
  value: string;
  choices: readonly SelectChoice[];
  /** The control's name in the form's data. */
  name?: string | undefined;
  /** Called with the chosen value; without it, the form reads the field on submit (`name`). */
  change?: ((value: string) => void) | undefined;
}

/** A labelled select (see `SelectFieldOptions`), with the same label, hint and error as `textField`. */
export function selectField(options: SelectFieldOptions): TemplateResult {
  const { id, value, required, disabled } = options;
  const change = (event: Event) => options.change?.((event.target as HTMLSelectElement).value);
  return field(
    options,
    ({ describedby, invalid }) =>
      html`<select
        id=${id}
        name=${options.name ?? nothing}
        ?required=${required}
        ?disabled=${disabled}
        aria-describedby=${describedby}
        aria-invalid=${invalid}
        @change=${change}
      >
        ${options.choices.map((choice) => html`<option value=${choice.value} .selected=${choice.value === value}>${choice.label}</option>`)}
      </select>`,
  );
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
        ({ text, field }) =>
          html`<li>${field ? html`<a href="#${field}" @click=${(event: Event) => focusField(event, field)}>${text}</a>` : text}</li>`,
      )}
    </ul>
  </div>`;
}
