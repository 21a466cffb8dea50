import { css } from 'lit';
// The widget's design tokens, so the inbox looks like the widget; the built module is imported
// because @signaal/widget does not export its styles (see docs/receiver.md, "The inbox").
import { tokens } from '../../../widget/dist/tokens.styles.js';

/** Shared by every inbox element: the widget's tokens, type, fields and tables. */
export const inboxStyles = [
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
    .stack > * + * {
      margin-block-start: var(--_signaal-space);
    }
    h1,
    h2,
    h3 {
      margin: 0;
      line-height: 1.3;
    }
    h1 {
      font-size: 1.75em;
    }
    h2 {
      font-size: 1.25em;
    }
    p {
      margin: 0;
    }
    a {
      color: var(--_signaal-accent);
      text-underline-offset: 0.15em;
    }
    .muted,
    .hint {
      color: var(--_signaal-muted);
    }
    section {
      padding: var(--_signaal-space);
      border-radius: var(--_signaal-radius);
      background: var(--_signaal-surface);
    }
    section > * + * {
      margin-block-start: 0.75em;
    }
    form > * + * {
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
    .optional {
      font-weight: 400;
      color: var(--_signaal-muted);
    }
    input[type='text'],
    input[type='password'],
    select,
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      max-inline-size: 40em;
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
      min-block-size: 8em;
    }
    .choice {
      display: flex;
      gap: 0.5em;
      align-items: center;
      font-weight: 400;
      padding-block: 0.25em;
    }
    .choice input {
      inline-size: 1.125em;
      block-size: 1.125em;
      margin: 0;
    }
    .error-summary {
      padding: 0.75em;
      border: 3px solid var(--_signaal-danger);
      border-radius: var(--_signaal-radius);
      background: var(--_signaal-danger-surface);
    }
    .error-summary:focus-visible {
      outline: 3px solid var(--_signaal-focus);
    }
    .error {
      color: var(--_signaal-danger);
      font-weight: 600;
    }
    .status-message:not(:empty) {
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid var(--_signaal-accent);
      background: var(--_signaal-success-surface);
    }
    dl {
      display: grid;
      grid-template-columns: minmax(8em, max-content) 1fr;
      gap: 0.25em 1em;
      margin: 0;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    .description {
      white-space: pre-wrap;
    }
    .badge {
      display: inline-block;
      padding: 0.05em 0.5em;
      border-radius: 999px;
      border: 1px solid var(--_signaal-border);
      font-size: 0.875em;
      white-space: nowrap;
    }
    .badge.overdue {
      border-color: var(--_signaal-danger);
      color: var(--_signaal-danger);
      background: var(--_signaal-danger-surface);
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    @media (max-width: 40em) {
      dl {
        grid-template-columns: 1fr;
      }
    }
    @media (forced-colors: active) {
      .badge.overdue,
      .error-summary {
        border-color: CanvasText;
      }
    }
  `,
];
