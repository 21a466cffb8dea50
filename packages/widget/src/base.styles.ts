import { css } from 'lit';
import { tokens } from './tokens.styles.js';

/**
 * What every Signaal surface shares, the widget's form and the receiver's inbox alike: the
 * design tokens (with buttons, focus ring and `.visually-hidden`), the host's type, vertical
 * rhythm for `.stack` and forms, and native fields. Exported as `@signaal/widget/styles`.
 *
 * @example
 * import { baseStyles } from '@signaal/widget/styles';
 * static styles = [baseStyles, css`…`];
 */
export const baseStyles = [
  tokens,
  css`
    :host {
      display: block;
      font-family: var(--_signaal-font);
      font-size: var(--_signaal-font-size);
      line-height: 1.5;
      color: var(--_signaal-color);
      background: var(--_signaal-background);
      overflow-wrap: anywhere;
    }
    :host([hidden]) {
      display: none;
    }
    .stack > * + *,
    form > * + * {
      margin-block-start: var(--_signaal-space);
    }
    h1,
    h2,
    h3 {
      margin: 0;
      line-height: 1.3;
    }
    p {
      margin: 0;
    }
    a {
      color: var(--_signaal-accent);
      text-underline-offset: 0.15em;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    legend {
      padding: 0;
      font-weight: 600;
      margin-block-end: 0.25em;
    }
    .field {
      display: grid;
      gap: 0.25em;
    }
    label {
      font-weight: 600;
    }
    .optional,
    .required {
      font-weight: 400;
      color: var(--_signaal-muted);
    }
    .hint {
      color: var(--_signaal-muted);
    }
    input[type='text'],
    input[type='tel'],
    input[type='email'],
    input[type='password'],
    select,
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      max-inline-size: 100%;
      min-block-size: 2.75em;
      padding: 0.5em;
      font: inherit;
      color: var(--_signaal-color);
      background: var(--_signaal-background);
      border: 1px solid var(--_signaal-border);
      border-radius: var(--_signaal-radius);
    }
    textarea {
      resize: vertical;
    }
    /* Radios and checkboxes in the widget's accent (the host's --signaal-accent-color), not the browser's blue. */
    input[type='radio'],
    input[type='checkbox'] {
      accent-color: var(--_signaal-accent);
    }
    .error {
      color: var(--_signaal-danger);
      font-weight: 600;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    /* A link that looks like a button (a mail to open, signing in elsewhere). */
    .button-link {
      display: inline-flex;
      align-items: center;
      min-block-size: 2.75em;
      box-sizing: border-box;
      padding: 0.5em 1em;
      border: 2px solid var(--_signaal-accent);
      border-radius: var(--_signaal-radius);
      font-weight: 600;
      text-decoration: none;
    }
  `,
];
