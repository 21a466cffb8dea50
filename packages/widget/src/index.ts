/**
 * @signaal/widget: `<signaal-button>` and `<signaal-form>`, to pass on a signal of possible human
 * trafficking or labour exploitation to the municipality's designated officer.
 *
 * Importing this module defines `<signaal-button>` at once (only if not defined yet) and
 * `<signaal-form>` on demand: the form's code, with the SDK and the texts, is fetched on the
 * button's first open, or when a `<signaal-form>` is first added to the document. Only types of
 * the form are exported here; `@signaal/widget/form` defines both elements at once and exports
 * the form's class, texts and templates.
 *
 * @example
 * import '@signaal/widget';
 * // <signaal-button endpoint="https://signalen.gemeente.nl/api"></signaal-button>
 */
import { defineFormOnDemand } from './form-on-demand.js';
import { define } from './registry.js';
import { SignaalButton } from './signaal-button.js';

define('signaal-button', SignaalButton);
defineFormOnDemand();

export { SignaalButton, type MessageOverrides } from './signaal-button.js';
export type { SignaalForm, SignaalContext, SignaalReporter, WidgetClientOptions } from './signaal-form.js';
export {
  SignaalCloseEvent,
  SignaalErrorEvent,
  SignaalOpenEvent,
  SignaalSubmitEvent,
  SignaalSubmittedEvent,
  type SignaalEventMap,
} from './events.js';
export type { ErrorSummaryItem, ErrorSummaryOptions, TextFieldOptions } from './form-fields.js';
export type { MineMessages } from './messages/mine.js';
export type { FormMessages, MessageKey, Messages } from './messages/nl.js';
export type { ConfigSources } from './resolve-config.js';
export { VERSION } from './version.js';
