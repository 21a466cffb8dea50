/**
 * @signaal/widget: `<signaal-button>` and `<signaal-form>`, to pass on a signal of possible human
 * trafficking or labour exploitation to the municipality's designated officer.
 *
 * Importing this module defines both elements (each only if not defined yet).
 *
 * @example
 * import '@signaal/widget';
 * // <signaal-button endpoint="https://signalen.gemeente.nl/api"></signaal-button>
 */
import { define } from './registry.js';
import { SignaalButton } from './signaal-button.js';
import { SignaalForm } from './signaal-form.js';

define('signaal-button', SignaalButton);
define('signaal-form', SignaalForm);

export { SignaalButton, type MessageOverrides } from './signaal-button.js';
export { SignaalForm, type SignaalContext, type SignaalReporter, type WidgetClientOptions } from './signaal-form.js';
export {
  SignaalCloseEvent,
  SignaalErrorEvent,
  SignaalOpenEvent,
  SignaalSubmitEvent,
  SignaalSubmittedEvent,
  type SignaalEventMap,
} from './events.js';
export { errorSummary, textField, type ErrorSummaryItem, type ErrorSummaryOptions, type TextFieldOptions } from './form-fields.js';
export { en } from './messages/en.js';
export { mineEn, mineNl, type MineMessages } from './messages/mine.js';
export { nl, type FormMessages, type MessageKey, type Messages } from './messages/nl.js';
export { resolveConfig, type ConfigSources } from './resolve-config.js';
export { VERSION } from './version.js';
