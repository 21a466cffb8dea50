/** The languages the widget ships. */
export type WidgetLocale = 'nl' | 'en';

const pick = (tag: string | null | undefined): WidgetLocale | undefined =>
  tag ? (tag.trim().toLowerCase().startsWith('en') ? 'en' : 'nl') : undefined;

/**
 * The element's language: its own `lang` attribute, then the configured locale, then the
 * nearest ancestor's `lang` (also across shadow roots), then `<html lang>`, then Dutch.
 */
export function resolveLocale(element: Element, configured?: WidgetLocale): WidgetLocale {
  const own = pick(element.getAttribute('lang'));
  if (own) return own;
  if (configured) return configured;
  let node: Element | null = element;
  while (node) {
    const parent: Element | null = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    if (parent?.hasAttribute('lang')) return pick(parent.getAttribute('lang')) ?? 'nl';
    node = parent;
  }
  return pick(document.documentElement.lang) ?? 'nl';
}
