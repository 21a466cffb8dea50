import { css } from 'lit';
// The widget's tokens, type, spacing and fields, so the inbox looks like the widget.
import { baseStyles } from '@signaal/widget/styles';

/** Shared by every inbox element: the widget's base styles, then the inbox's own tables, badges and sections. */
export const inboxStyles = [
  ...baseStyles,
  css`
    /*
     * The widget breaks anywhere, which lets a table squeeze its columns until words break in the
     * middle ("Meldi|ng", one letter per line at 320 px). Here a word breaks only when it cannot
     * fit a line on its own, and wide tables scroll sideways in their own region (WCAG 1.4.10).
     */
    :host,
    h1,
    h2,
    h3,
    th,
    td {
      overflow-wrap: break-word;
      word-break: normal;
      hyphens: manual;
    }
    h1 {
      font-size: 1.75em;
    }
    h2 {
      font-size: 1.25em;
    }
    .muted {
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
    input[type='text'],
    input[type='password'],
    select,
    textarea {
      max-inline-size: 40em;
    }
    textarea {
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
    .error-summary ul {
      margin: 0;
      padding-inline-start: 1.25em;
    }
    .error-summary a {
      color: var(--_signaal-danger);
      font-weight: 600;
    }
    /* A field with an error (the shared templates mark it .invalid), as in the widget. */
    .invalid input,
    .invalid select,
    .invalid textarea {
      border: 2px solid var(--_signaal-danger);
    }
    .status-message:not(:empty) {
      padding: 0.5em 0.75em;
      border-inline-start: 4px solid var(--_signaal-accent);
      background: var(--_signaal-success-surface);
    }
    .table-wrap {
      overflow-x: auto;
    }
    .table-wrap:focus-visible {
      outline: 3px solid var(--_signaal-focus);
      outline-offset: 2px;
    }
    .table-wrap[aria-busy='true'] {
      opacity: 0.6;
    }
    .scroll-hint {
      color: var(--_signaal-muted);
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.5em;
      border-block-end: 1px solid var(--_signaal-border);
    }
    th {
      font-weight: 600;
    }
    dl {
      display: grid;
      grid-template-columns: minmax(8em, max-content) minmax(0, 1fr);
      gap: 0.25em 1em;
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
    @media (max-width: 40em) {
      dl {
        grid-template-columns: minmax(0, 1fr);
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
