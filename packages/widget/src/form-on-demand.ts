/**
 * `<signaal-form>` on demand: its code (with the SDK, zod and the texts) is a chunk of its own,
 * fetched the first time the element is needed. The button fetches it on first open; this
 * module fetches it once a `<signaal-form>` is in the document: at once if the page has one, or
 * when one is added later (as a framework renders it). Used by the npm entry and the script-tag
 * build; `@signaal/widget/form` defines the form at once instead.
 */
import { define } from './registry.js';

/** Fetches the form's chunk and defines the tag; a failed fetch is logged and tried again on the next addition. */
export function defineFormOnDemand(): void {
  if (customElements.get('signaal-form')) return;
  // A live list: reading its length after each batch of changes costs no search of the page.
  const forms = document.getElementsByTagName('signaal-form');
  let loading = false;
  const load = () => {
    loading = true;
    import('./signaal-form.js').then(
      ({ SignaalForm }) => define('signaal-form', SignaalForm),
      (error: unknown) => {
        loading = false;
        console.error('[signaal] The form could not be loaded:', error);
      },
    );
  };
  const observer = new MutationObserver(() => {
    if (!loading && forms.length) load();
  });
  observer.observe(document, { childList: true, subtree: true });
  // Once defined (from here or by the button) the browser upgrades every later form itself.
  void customElements.whenDefined('signaal-form').then(() => observer.disconnect());
  if (forms.length) load();
}
