import { css } from 'lit';
import { tokens } from './tokens.styles.js';

export const formStyles = [
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
    .root > * + * {
      margin-block-start: var(--_signaal-space);
    }
    h2,
    h3 {
      margin: 0;
      line-height: 1.3;
    }
    h2 {
      font-size: 1.375em;
    }
    h3 {
      font-size: 1.125em;
    }
    h3.small {
      font-size: 0.9375em;
      font-weight: 600;
      color: var(--_signaal-muted);
    }
    p {
      margin: 0;
    }
    a {
      color: var(--_signaal-accent);
      text-underline-offset: 0.15em;
    }
    .emergency {
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid var(--_signaal-danger);
      background: var(--_signaal-danger-surface);
    }
    .officer {
      display: flex;
      gap: 0.75em;
      align-items: flex-start;
      padding: 0.75em;
      border-radius: var(--_signaal-radius);
      background: var(--_signaal-surface);
    }
    .officer img {
      inline-size: 4.5em;
      block-size: 4.5em;
      object-fit: cover;
      border-radius: 50%;
      flex: none;
    }
    .officer-name {
      font-weight: 600;
    }
    form > * + *,
    .plain > * + *,
    details.section > * + * {
      margin-block-start: var(--_signaal-space);
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
    .invalid input,
    .invalid textarea {
      border: 2px solid var(--_signaal-danger);
    }
    .error {
      color: var(--_signaal-danger);
      font-weight: 600;
    }
    .choice {
      display: flex;
      gap: 0.5em;
      align-items: flex-start;
      font-weight: 400;
      padding-block: 0.25em;
    }
    .choice input {
      margin-block-start: 0.3em;
      inline-size: 1.125em;
      block-size: 1.125em;
      flex: none;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    .chips legend {
      inline-size: 100%;
    }
    .chip {
      display: inline-flex;
      gap: 0.375em;
      align-items: center;
      padding: 0.25em 0.75em;
      font-weight: 400;
      border: 1px solid var(--_signaal-border);
      border-radius: 999px;
      cursor: pointer;
    }
    .chip:has(input:checked) {
      background: var(--_signaal-surface);
      border-color: var(--_signaal-accent);
      box-shadow: inset 0 0 0 1px var(--_signaal-accent);
    }
    details {
      border: 1px solid var(--_signaal-border);
      border-radius: var(--_signaal-radius);
      padding: 0.5em 0.75em;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
      padding-block: 0.25em;
    }
    .info > * + * {
      margin-block-start: 0.5em;
    }
    .info details > * + * {
      margin-block-start: 0.5em;
    }
    dt {
      font-weight: 600;
      margin-block-start: 0.5em;
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
    button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.8;
    }
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
    .error-summary,
    .panel,
    .confirm {
      padding: 0.75em;
      border: 2px solid var(--_signaal-border);
      border-radius: var(--_signaal-radius);
    }
    .panel > * + *,
    .confirm > * + * {
      margin-block-start: 0.75em;
    }
    .confirm > button {
      margin-inline-end: 0.5em;
    }
    .error-summary,
    .failure {
      border-color: var(--_signaal-danger);
    }
    .error-summary a {
      color: var(--_signaal-danger);
      font-weight: 600;
    }
    .success {
      border-color: var(--_signaal-accent);
      background: var(--_signaal-success-surface);
    }
    .reference {
      font-size: 1.25em;
      letter-spacing: 0.05em;
    }
    .token {
      font-family: ui-monospace, monospace;
      overflow-wrap: anywhere;
    }
    .mine > * + *,
    .lookup > * + *,
    .receipt > * + * {
      margin-block-start: 0.75em;
    }
    .receipts {
      display: grid;
      gap: 0.75em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .receipt {
      padding: 0.75em;
      border: 1px solid var(--_signaal-border);
      border-radius: var(--_signaal-radius);
    }
    .message {
      white-space: pre-wrap;
    }
    @media (forced-colors: active) {
      .chip:has(input:checked) {
        outline: 2px solid Highlight;
      }
      .emergency,
      .officer,
      .success {
        border: 1px solid CanvasText;
      }
    }
  `,
];
