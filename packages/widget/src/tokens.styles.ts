import { css } from 'lit';

/**
 * Public theming is the `--signaal-*` custom properties, each falling back to an NL Design System
 * (Utrecht) token where one fits. `--_signaal-*` variables are private plumbing, not an API.
 *
 * The scheme is the host page's: the `color-scheme` the page declares reaches the widget by
 * inheritance and `light-dark()` picks each default (a page that declares none is light);
 * `theme="light|dark"` overrides it. The accent is made safe in either scheme: in light it is
 * darkened (its luminance at most 0.14, so 4.5:1 against white text and the light surfaces), in
 * dark lightened (at least 0.34, so 4.5:1 against dark text and the dark surfaces), keeping its hue.
 * Browsers without `light-dark()` or relative colours get the light widget with the accent as set.
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
  @supports (color: light-dark(red, red)) and (color: rgb(from red r g b)) {
    :host([theme='light']) {
      color-scheme: light;
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
    :host {
      --_signaal-color: var(--signaal-color, light-dark(var(--utrecht-document-color, #1b1b1b), #f0f0f0));
      --_signaal-background: var(--signaal-background-color, light-dark(var(--utrecht-document-background-color, #ffffff), #1c1d21));
      --_signaal-surface: var(--signaal-surface-color, light-dark(#f1f4f8, #2a2c33));
      --_signaal-muted: var(--signaal-muted-color, light-dark(#4a4a4a, #c8c8c8));
      --_signaal-border: var(--signaal-border-color, light-dark(var(--utrecht-form-control-border-color, #5c5c5c), #a0a0a0));
      /* Scaled in linear light (xyz-d65, where y is the luminance), so it stays in gamut; read back as sRGB. */
      --_signaal-accent: light-dark(
        rgb(
          from
            color(
              from var(--signaal-accent-color, var(--utrecht-button-primary-action-background-color, #154273)) xyz-d65
                calc(x * min(1, 0.14 / y)) min(y, 0.14) calc(z * min(1, 0.14 / y))
            )
            r g b
        ),
        rgb(
          from
            color(
              from var(--signaal-accent-color-dark, var(--signaal-accent-color, #9cc3ff)) xyz-d65
                calc(x + max(0, (0.34 - y) / (1 - y)) * (0.9505 - x)) max(y, 0.34) calc(z + max(0, (0.34 - y) / (1 - y)) * (1.089 - z))
            )
            r g b
        )
      );
      /* Whatever the host's accent, the safe accent above has this text colour at 4.5:1 or more. */
      --_signaal-on-accent: light-dark(#ffffff, #0b1a33);
      --_signaal-danger: var(--signaal-danger-color, light-dark(#a4001d, #ffb3bd));
      --_signaal-danger-surface: var(--signaal-danger-surface-color, light-dark(#fdecee, #3d1f24));
      --_signaal-success-surface: var(--signaal-success-surface-color, light-dark(#e8f4ea, #1f3524));
      --_signaal-focus: var(--signaal-focus-color, light-dark(var(--utrecht-focus-outline-color, #000000), #ffffff));
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
