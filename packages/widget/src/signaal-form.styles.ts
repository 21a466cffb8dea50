import { css } from 'lit';
import { baseStyles } from './base.styles.js';

export const formStyles = [
  ...baseStyles,
  css`
    /* The form's parts render into this shadow root (see form-part.ts). */
    signaal-status,
    signaal-officer,
    signaal-info,
    signaal-my-signals {
      display: block;
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
    .plain > * + *,
    details.section > * + * {
      margin-block-start: var(--_signaal-space);
    }
    .invalid input,
    .invalid textarea {
      border: 2px solid var(--_signaal-danger);
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
    /* The send button ends the form: a line below it, and what follows reads as secondary. */
    form[part='form'] {
      padding-block-end: calc(var(--_signaal-space) * 1.5);
      border-block-end: 1px solid var(--_signaal-border);
    }
    details.mine,
    .info details {
      border: 0;
      border-radius: 0;
      padding: 0;
    }
    .info h3 {
      font-size: 1em;
      font-weight: 600;
      color: var(--_signaal-muted);
    }
    .info > * + * {
      margin-block-start: 0.25em;
    }
    .info > h3 + * {
      margin-block-start: 0.5em;
    }
    .info details > * + * {
      margin-block-start: 0.5em;
    }
    dt {
      margin-block-start: 0.5em;
    }
    button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.8;
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
    /* Room below the summary whatever follows it (a fieldset's own margin is 0). */
    .error-summary {
      margin-block-end: var(--_signaal-space);
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
    signaal-my-signals > * + *,
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
