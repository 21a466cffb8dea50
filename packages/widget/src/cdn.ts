/**
 * The script-tag build: defines `<signaal-button>` at once and loads the form's code (with the
 * SDK) in a separate chunk, on first open, or once the page has a `<signaal-form>` (see
 * `form-on-demand.ts`).
 *
 * @example
 * <script type="module" src="https://cdn.example/signaal/cdn/signaal.js"></script>
 */
import { defineFormOnDemand } from './form-on-demand.js';
import { define } from './registry.js';
import { SignaalButton } from './signaal-button.js';

define('signaal-button', SignaalButton);
defineFormOnDemand();

export { SignaalButton };
