/**
 * The widget's events: small typed `Event` subclasses that bubble out of the shadow root.
 * Only `signaal-submit` is cancelable, because only there does `preventDefault()` mean something.
 */
import type { Receipt, SignalDraft, SignaalErrorCode } from '@signaal/sdk';

const init = { bubbles: true, composed: true } as const;

/** The form was shown (the dialog opened, or the inline form became ready). */
export class SignaalOpenEvent extends Event {
  static readonly type = 'signaal-open';
  constructor() {
    super(SignaalOpenEvent.type, init);
  }
}

/** The dialog was hidden. The draft stays in memory. */
export class SignaalCloseEvent extends Event {
  static readonly type = 'signaal-close';
  constructor() {
    super(SignaalCloseEvent.type, init);
  }
}

/**
 * About to deliver. The host may add context to `draft` (e.g. `draft.sourceSystem`) or call
 * `preventDefault()` to stop delivery; the employee's text is never changed by the widget.
 */
export class SignaalSubmitEvent extends Event {
  static readonly type = 'signaal-submit';
  /** The draft as it will be validated and delivered; the host may set context fields on it. */
  readonly draft: SignalDraft;
  constructor(draft: SignalDraft) {
    super(SignaalSubmitEvent.type, { ...init, cancelable: true });
    this.draft = draft;
  }
}

/** Delivered: the backend answered with a receipt the SDK validated. */
export class SignaalSubmittedEvent extends Event {
  static readonly type = 'signaal-submitted';
  readonly receipt: Receipt;
  constructor(receipt: Receipt) {
    super(SignaalSubmittedEvent.type, init);
    this.receipt = receipt;
  }
}

/** Something went wrong; `code` is the SDK's stable error code. Carries nothing the employee typed. */
export class SignaalErrorEvent extends Event {
  static readonly type = 'signaal-error';
  readonly code: SignaalErrorCode;
  readonly retryable: boolean;
  constructor(code: SignaalErrorCode, retryable = false) {
    super(SignaalErrorEvent.type, init);
    this.code = code;
    this.retryable = retryable;
  }
}

/** Every event the elements dispatch, by name; for `addEventListener` typing. */
export interface SignaalEventMap {
  'signaal-open': SignaalOpenEvent;
  'signaal-close': SignaalCloseEvent;
  'signaal-submit': SignaalSubmitEvent;
  'signaal-submitted': SignaalSubmittedEvent;
  'signaal-error': SignaalErrorEvent;
}

declare global {
  interface HTMLElementEventMap extends SignaalEventMap {}
}
