/** Defines a tag only if it is not defined yet, so two copies of the widget on one page do not throw. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
