// custom-elements.json, generated from the elements' JSDoc by `npm run analyze` (part of `npm run build`).

/** Keeps the documented `signaal-*` events; the analyzer also guesses names from `dispatchEvent(new …(arg))`. */
const documentedEventsOnly = {
  name: 'signaal-documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules ?? []) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('signaal-'));
      }
    }
  },
};

export default {
  globs: ['src/signaal-button.ts', 'src/signaal-form.ts', 'src/events.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [documentedEventsOnly],
};
