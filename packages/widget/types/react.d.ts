// Generated from custom-elements.json by scripts/framework-types.mjs (`npm run analyze`): do not edit.
import type { HTMLAttributes, RefAttributes } from 'react';
import type {
  SignaalButton,
  SignaalCloseEvent,
  SignaalErrorEvent,
  SignaalForm,
  SignaalOpenEvent,
  SignaalSubmitEvent,
  SignaalSubmittedEvent,
} from '@signaal/widget';

/** The properties, attributes and events of `<signaal-button>` in React 19 JSX. */
export interface SignaalButtonProps {
  /** `inline` (default) sits where it is placed; `floating` stays in the lower corner. */
  placement?: SignaalButton['placement'];
  /** `light` or `dark` overrides the colour scheme; `auto` or none follows the `color-scheme` the host page declares (none declared: light). */
  theme?: SignaalButton['theme'];
  /** The trigger's text. Neutral by default ("Signaal doorgeven"). */
  label?: SignaalButton['label'];
  /** The backend's base URL (`https:`, or `http:` on loopback); relative URLs are resolved against the page. */
  endpoint?: SignaalButton['endpoint'];
  /** The municipality's signal mailbox, for the mailbox route and as a fallback. */
  mailbox?: SignaalButton['mailbox'];
  /** A URL serving the configuration as JSON (for instance the backend's `/config`). */
  configSrc?: SignaalButton['configSrc'];
  /** The whole configuration object (see the SDK's `WidgetConfig`). */
  config?: SignaalButton['config'];
  /** Text overrides per language: `{ nl: { trigger: 'Zorg delen' } }`. */
  messages?: SignaalButton['messages'];
  /** The logged-in employee, to prefill their contact details. */
  reporter?: SignaalButton['reporter'];
  /** The host's context: case reference and source system. */
  context?: SignaalButton['context'];
  /** SDK client options beyond endpoint and mailbox (headers, credentials, retry, transport); see `<signaal-form>`. */
  clientOptions?: SignaalButton['clientOptions'];
  /** The `configSrc` property as an attribute. */
  'config-src'?: SignaalButton['configSrc'];
  /** The dialog opened. */
  'onsignaal-open'?: (event: SignaalOpenEvent) => void;
  /** The dialog closed; the draft stays in memory. */
  'onsignaal-close'?: (event: SignaalCloseEvent) => void;
  /** Bubbles up from the form: about to deliver; cancelable. */
  'onsignaal-submit'?: (event: SignaalSubmitEvent) => void;
  /** Bubbles up from the form: delivered, with the validated receipt. */
  'onsignaal-submitted'?: (event: SignaalSubmittedEvent) => void;
  /** Bubbles up from the form: something went wrong, with a stable code. */
  'onsignaal-error'?: (event: SignaalErrorEvent) => void;
}

/** The properties, attributes and events of `<signaal-form>` in React 19 JSX. */
export interface SignaalFormProps {
  /** `light` or `dark` overrides the colour scheme; `auto` or none follows the `color-scheme` the host page declares (none declared: light). */
  theme?: SignaalForm['theme'];
  /** The backend's base URL (`https:`, or `http:` on loopback); relative URLs are resolved against the page. */
  endpoint?: SignaalForm['endpoint'];
  /** The municipality's signal mailbox. Without an endpoint, the form composes an e-mail instead. */
  mailbox?: SignaalForm['mailbox'];
  /** A URL serving the configuration as JSON, read once through the SDK. */
  configSrc?: SignaalForm['configSrc'];
  /** The whole configuration object (see the SDK's `WidgetConfig`); validated before use. */
  config?: SignaalForm['config'];
  /** Text overrides per language: `{ nl: { title: '…' }, en: { … } }`. */
  messages?: SignaalForm['messages'];
  /** The logged-in employee, to prefill their contact details. */
  reporter?: SignaalForm['reporter'];
  /** The host's context: case reference (prefilled) and source system (sent along). */
  context?: SignaalForm['context'];
  /** Options for the SDK client beyond endpoint and mailbox: `headers` (tokens, CSRF), `credentials`, `timeout`, `retry`, `mapRequest`/`mapResponse` or a `transport` of your own. */
  clientOptions?: SignaalForm['clientOptions'];
  /** Hides the form's own heading, when a surrounding dialog shows one. */
  hideTitle?: SignaalForm['hideTitle'];
  /** The `configSrc` property as an attribute. */
  'config-src'?: SignaalForm['configSrc'];
  /** The `hideTitle` property as an attribute. */
  'hide-title'?: SignaalForm['hideTitle'];
  /** About to deliver; cancelable. `event.draft` may receive host context. */
  'onsignaal-submit'?: (event: SignaalSubmitEvent) => void;
  /** Delivered; `event.receipt` is the receipt the SDK validated. */
  'onsignaal-submitted'?: (event: SignaalSubmittedEvent) => void;
  /** Delivery or configuration failed; `event.code` is the SDK's error code. */
  'onsignaal-error'?: (event: SignaalErrorEvent) => void;
}

/** A tag in JSX: its own props, the HTML attributes it does not redefine, and a ref to the element. */
type ElementProps<E, P> = P & Omit<HTMLAttributes<E>, keyof P> & RefAttributes<E>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'signaal-button': ElementProps<SignaalButton, SignaalButtonProps>;
      'signaal-form': ElementProps<SignaalForm, SignaalFormProps>;
    }
  }
}
