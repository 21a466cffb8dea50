import { css } from 'lit';
import { tokens } from './tokens.styles.js';

export const buttonStyles = [
  tokens,
  css`
    :host {
      display: inline-block;
      font-family: var(--_signaal-font);
      font-size: var(--_signaal-font-size);
      color: var(--_signaal-color);
    }
    :host([hidden]) {
      display: none;
    }
    :host([placement='floating']) .trigger {
      position: fixed;
      inset-block-end: var(--signaal-floating-offset, 1em);
      inset-inline-end: var(--signaal-floating-offset, 1em);
      z-index: var(--signaal-floating-z-index, 1000);
      box-shadow: 0 0.25em 1em rgb(0 0 0 / 0.25);
    }
    dialog {
      box-sizing: border-box;
      inline-size: min(42em, calc(100vw - 1em));
      max-inline-size: calc(100vw - 1em);
      max-block-size: calc(100dvh - 1em);
      margin: auto;
      padding: 0;
      border: 1px solid var(--_signaal-border);
      border-radius: var(--_signaal-radius);
      background: var(--_signaal-background);
      color: var(--_signaal-color);
      font-family: var(--_signaal-font);
      font-size: var(--_signaal-font-size);
      line-height: 1.5;
      overflow: auto;
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.55);
    }
    /* Not a <header>: inside the dialog it would be a second banner landmark beside the host page's. */
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
      justify-content: space-between;
      padding: var(--_signaal-space);
      padding-block-end: 0;
    }
    h2 {
      margin: 0;
      font-size: 1.375em;
      line-height: 1.3;
    }
    .body {
      padding: var(--_signaal-space);
    }
    @media (prefers-reduced-motion: no-preference) {
      dialog[open] {
        animation: signaal-in 120ms ease-out;
      }
      @keyframes signaal-in {
        from {
          opacity: 0;
          transform: translateY(0.5em);
        }
      }
    }
    @media (forced-colors: active) {
      dialog {
        border: 2px solid CanvasText;
      }
    }
  `,
];
