/**
 * The script-tag build: defines `<signaal-button>` at once and loads the form's code (with the
 * SDK) in a separate chunk, on first open, or when the browser is idle if the page has an
 * inline `<signaal-form>`.
 *
 * @example
 * <script type="module" src="https://cdn.example/signaal/cdn/signaal.js"></script>
 */
import { define } from './registry.js';
import { SignaalButton } from './signaal-button.js';

define('signaal-button', SignaalButton);

const defineForm = () =>
  import('./signaal-form.js').then(({ SignaalForm }) => define('signaal-form', SignaalForm));

if (document.querySelector('signaal-form')) void defineForm();
else if ('requestIdleCallback' in window) requestIdleCallback(() => document.querySelector('signaal-form') && void defineForm());

export { SignaalButton };
