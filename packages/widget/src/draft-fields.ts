/**
 * The draft's fields in `<signaal-form>`: what to do (report or talk it through), the
 * description, "more about the situation" and "about you". A render module: the form keeps the
 * draft and passes it in, with where the employee's changes go.
 */
import { indicators, type WidgetConfig } from '@signaal/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { textField, type TextFieldOptions } from './form-fields.js';
import type { MessageKey } from './messages/nl.js';
import { callbacks, errorKey, settings, type Draft, type Field, type FieldError } from './signal-draft.js';
import type { Texts } from './texts.js';

/** What the fields show, and where the employee's changes go. */
export interface DraftFieldsView {
  texts: Texts;
  config: WidgetConfig;
  draft: Draft;
  errors: readonly FieldError[];
  /** Every control locked, while the form is sending. */
  disabled: boolean;
  /** Whether "more about the situation" and "about you" are open. */
  situationOpen: boolean;
  youOpen: boolean;
  /** A change the employee made; `typed` names the text field they typed in. */
  edit(change: Partial<Draft>, typed?: Field): void;
  /** One of the two sections was opened or closed. */
  toggle(section: 'situationOpen' | 'youOpen', open: boolean): void;
}

type InputOptions = Pick<TextFieldOptions, 'type' | 'autocomplete' | 'required' | 'rows'> & { hint?: MessageKey };

/** One of the draft's text fields, `#f-<field>`, labelled by the text of the same name unless told otherwise. */
function input(view: DraftFieldsView, field: Field, options: InputOptions = {}, label = field as MessageKey): TemplateResult {
  const { t } = view.texts;
  const error = view.errors.find((item) => item.field === field);
  return textField({
    ...options,
    disabled: view.disabled,
    id: `f-${field}`,
    label: t(label),
    necessity: t(options.required ? 'required' : 'optional'),
    hint: options.hint && t(options.hint),
    error: error && t(errorKey(error, view.draft.kind)),
    value: view.draft[field],
    input: (value) => view.edit({ [field]: value }, field),
  });
}

/** The fields, for inside the form; each group of choices is a fieldset with its legend. */
export function draftFields(view: DraftFieldsView): TemplateResult {
  const { texts, config, draft } = view;
  const { t } = texts;
  const modes = config.modes ?? ['signal', 'sparring'];
  const sparring = draft.kind === 'sparring';
  const anonymous = config.allowAnonymous && !sparring && draft.confidentiality === 'anonymous';
  return html` ${
      modes.length > 1
        ? html`<fieldset class="modes">
            <legend>${t('modeLegend')}</legend>
            ${modes.map(
              (mode) =>
                html`<label class="choice">
                  <input
                    type="radio"
                    name="kind"
                    value=${mode}
                    .checked=${draft.kind === mode}
                    ?disabled=${view.disabled}
                    @change=${() => view.edit({ kind: mode })}
                  />
                  <span>${t(mode === 'signal' ? 'modeSignal' : 'modeSparring')}</span>
                </label>`,
            )}
          </fieldset>`
        : nothing
    }
    ${input(view, 'description', { hint: sparring ? 'sparringHint' : 'descriptionHint', required: true, rows: 5 }, sparring ? 'descriptionSparring' : 'descriptionSignal')}
    ${
      sparring
        ? nothing
        : html`<details
            class="section"
            .open=${view.situationOpen}
            @toggle=${(event: Event) => view.toggle('situationOpen', (event.target as HTMLDetailsElement).open)}
          >
            <summary>${t('situation')} <span class="optional">${t('optional')}</span></summary>
            <fieldset class="chips">
              <legend>${t('indicatorsLegend')} <span class="optional">${t('optional')}</span></legend>
              ${indicators.map(
                (item) =>
                  html`<label class="chip">
                    <input
                      type="checkbox"
                      .checked=${draft.chosen.has(item.id)}
                      ?disabled=${view.disabled}
                      @change=${(event: Event) => {
                        const chosen = new Set(view.draft.chosen);
                        if ((event.target as HTMLInputElement).checked) chosen.add(item.id);
                        else chosen.delete(item.id);
                        view.edit({ chosen });
                      }}
                    />
                    <span>${item.label[texts.locale]}</span>
                  </label>`,
              )}
            </fieldset>
            <div class="field">
              <label for="f-setting">${t('setting')} <span class="optional">${t('optional')}</span></label>
              <select
                id="f-setting"
                ?disabled=${view.disabled}
                .value=${draft.setting}
                @change=${(event: Event) => view.edit({ setting: (event.target as HTMLSelectElement).value })}
              >
                <option value="" ?selected=${!draft.setting}>${t('settingNone')}</option>
                ${settings.map((value) => html`<option value=${value} ?selected=${draft.setting === value}>${t(`setting.${value}`)}</option>`)}
              </select>
            </div>
            ${input(view, 'place')} ${input(view, 'time', { hint: 'timeHint' })} ${input(view, 'caseReference')}
          </details>`
    }
    <details
      class="section"
      .open=${view.youOpen}
      @toggle=${(event: Event) => view.toggle('youOpen', (event.target as HTMLDetailsElement).open)}
    >
      <summary>${t('you')} <span class="optional">${t('optional')}</span></summary>
      ${
        config.allowAnonymous && !sparring
          ? html`<fieldset>
              <legend>${t('confidentialityLegend')}</legend>
              ${(['confidential', 'anonymous'] as const).map(
                (value) =>
                  html`<label class="choice">
                    <input
                      type="radio"
                      name="confidentiality"
                      value=${value}
                      .checked=${draft.confidentiality === value}
                      ?disabled=${view.disabled}
                      aria-describedby=${value === 'anonymous' ? 'f-anonymous-caveat' : nothing}
                      @change=${() => view.edit({ confidentiality: value })}
                    />
                    <span>${t(value)}</span>
                  </label>`,
              )}
              <p class="hint" id="f-anonymous-caveat">${t('anonymousCaveat')}</p>
            </fieldset>`
          : html`<p class="hint">${t('confidentialOnly')}</p>`
      }
      ${
        anonymous
          ? html`<p class="hint">${t('anonymousHidden')}</p>`
          : html`${input(view, 'name', { autocomplete: 'name' })} ${input(view, 'department', { autocomplete: 'organization-title' })}
              ${input(view, 'phone', { type: 'tel', autocomplete: 'tel' })}
              ${input(view, 'email', { type: 'email', autocomplete: 'email' })}
              <div class="field">
                <label for="f-callbackHow">${t('callbackHow')} <span class="optional">${t('optional')}</span></label>
                <select
                  id="f-callbackHow"
                  ?disabled=${view.disabled}
                  @change=${(event: Event) => view.edit({ callbackHow: (event.target as HTMLSelectElement).value })}
                >
                  <option value="" ?selected=${!draft.callbackHow}>${t('callbackNone')}</option>
                  ${callbacks.map((value) => html`<option value=${value} ?selected=${draft.callbackHow === value}>${t(`callback.${value}`)}</option>`)}
                </select>
              </div>
              ${input(view, 'callbackWhen')}`
      }
    </details>`;
}
