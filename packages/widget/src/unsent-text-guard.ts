import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Asks the browser to confirm leaving the page while the form holds text that was not sent, for
 * as long as the form is in the page. The browser shows its own question; ours is never shown.
 */
export class UnsentTextGuard implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly hasUnsentText: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('beforeunload', this.#onBeforeUnload);
  }

  hostDisconnected(): void {
    removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.hasUnsentText()) return;
    event.preventDefault();
    // Older browsers need a returnValue; its text is never shown.
    event.returnValue = '';
  };
}
