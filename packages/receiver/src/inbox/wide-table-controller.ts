import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tells whether a table is wider than its scrolling region (`.table-wrap`), so the element can
 * say so in words: phones hide scroll bars, and nothing else shows that more columns exist.
 */
export class WideTableController implements ReactiveController {
  /** Whether any region in the host scrolls sideways now. */
  wide = false;
  private readonly observer = new ResizeObserver(() => this.measure());
  private observed: Element[] = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostUpdated(): void {
    const regions = [...(this.host.shadowRoot?.querySelectorAll('.table-wrap') ?? [])];
    const tables = regions.flatMap((region) => [...region.querySelectorAll('table')]);
    const now = [...regions, ...tables];
    if (now.length !== this.observed.length || now.some((element, index) => element !== this.observed[index])) {
      this.observer.disconnect();
      for (const element of now) this.observer.observe(element);
      this.observed = now;
    }
    this.measure();
  }

  hostDisconnected(): void {
    this.observer.disconnect();
    this.observed = [];
  }

  private measure(): void {
    const wide = this.observed.some((element) => element.classList.contains('table-wrap') && element.scrollWidth > element.clientWidth + 1);
    if (wide === this.wide) return;
    this.wide = wide;
    this.host.requestUpdate();
  }
}
