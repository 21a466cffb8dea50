import { css } from 'lit';

/**
 * Public theming is the `--signaal-*` custom properties, each falling back to an NL Design System
 * (Utrecht) token where one fits. `--_signaal-*` variables are private plumbing, not an API.
 */
export const tokens = css`
  :host {
    --_signaal-font: var(--signaal-font-family, var(--utrecht-document-font-family, system-ui, sans-serif));
    /* Never below 16px: a host page that shrinks its root font does not shrink the form. */
    --_signaal-font-size: var(--signaal-font-size, var(--utrecht-document-font-size, max(1rem, 16px)));
    --_signaal-color: var(--signaal-color, var(--utrecht-document-color, #1b1b1b));
    --_signaal-background: var(--signaal-background-color, var(--utrecht-document-background-color, #ffffff));
    --_signaal-surface: var(--signaal-surface-color, #f1f4f8);
    --_signaal-muted: var(--signaal-muted-color, #4a4a4a);
    --_signaal-border: var(--signaal-border-color, var(--utrecht-form-control-border-color, #5c5c5c));
    --_signaal-accent: var(--signaal-accent-color, var(--utrecht-button-primary-action-background-color, #154273));
    --_signaal-on-accent: var(--signaal-on-accent-color, var(--utrecht-button-primary-action-color, #ffffff));
    --_signaal-danger: var(--signaal-danger-color, #a4001d);
    --_signaal-danger-surface: var(--signaal-danger-surface-color, #fdecee);
    --_signaal-success-surface: var(--signaal-success-surface-color, #e8f4ea);
    --_signaal-focus: var(--signaal-focus-color, var(--utrecht-focus-outline-color, #000000));
    --_signaal-radius: var(--signaal-border-radius, 0.375em);
    --_signaal-space: var(--signaal-space, 1em);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_signaal-color: var(--signaal-color, #f0f0f0);
      --_signaal-background: var(--signaal-background-color, #1c1d21);
      --_signaal-surface: var(--signaal-surface-color, #2a2c33);
      --_signaal-muted: var(--signaal-muted-color, #c8c8c8);
      --_signaal-border: var(--signaal-border-color, #a0a0a0);
      --_signaal-accent: var(--signaal-accent-color, #9cc3ff);
      --_signaal-on-accent: var(--signaal-on-accent-color, #0b1a33);
      --_signaal-danger: var(--signaal-danger-color, #ffb3bd);
      --_signaal-danger-surface: var(--signaal-danger-surface-color, #3d1f24);
      --_signaal-success-surface: var(--signaal-success-surface-color, #1f3524);
      --_signaal-focus: var(--signaal-focus-color, #ffffff);
    }
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_signaal-radius);
    min-block-size: 2.75em;
    padding-block: 0.5em;
    padding-inline: 1em;
    border: 2px solid var(--_signaal-accent);
    background: var(--_signaal-accent);
    color: var(--_signaal-on-accent);
    font-weight: 600;
  }
  button.secondary {
    background: var(--_signaal-background);
    color: var(--_signaal-accent);
  }
  :focus-visible {
    outline: 3px solid var(--_signaal-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
