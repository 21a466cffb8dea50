/**
 * `@signaal/widget/form`: defines `<signaal-button>` and `<signaal-form>` at once (each only if
 * not defined yet), with the form's code, the SDK and both languages' texts in the import. For
 * hosts that render `<signaal-form>` themselves and set its properties before it would otherwise
 * be defined, and for the form's class, texts and templates. `@signaal/widget` gives the same
 * elements with the form loaded on demand.
 *
 * @example
 * import { SignaalForm, nl } from '@signaal/widget/form';
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
