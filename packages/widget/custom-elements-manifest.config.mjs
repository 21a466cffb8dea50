// custom-elements.json, generated from the elements' JSDoc and TypeScript types by `npm run analyze`
// (part of `npm run build`), and from it the React and Vue types in types/.
import { writeFrameworkTypes } from './scripts/framework-types.mjs';

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

/** The analyzer appends `| undefined` to optional fields that already say so: one is enough. */
const singleUndefined = {
  name: 'signaal-single-undefined',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules ?? []) {
      for (const declaration of module.declarations ?? []) {
        for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
          if (item.type?.text) item.type.text = item.type.text.replace(/( \| undefined)+$/, ' | undefined');
        }
      }
    }
  },
};

/**
 * Leaves out private and protected members: the manifest describes what a page or a framework may
 * use, and a reformatted private initialiser is no change to it.
 */
const publicMembersOnly = {
  name: 'signaal-public-members-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules ?? []) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.members) {
          declaration.members = declaration.members.filter(
            (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name?.startsWith('#'),
          );
        }
      }
    }
  },
};

/** types/react.d.ts and types/vue.d.ts, from the finished manifest. */
const frameworkTypes = {
  name: 'signaal-framework-types',
  packageLinkPhase({ customElementsManifest }) {
    writeFrameworkTypes(customElementsManifest);
  },
};

export default {
  globs: ['src/signaal-button.ts', 'src/signaal-form.ts', 'src/events.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [documentedEventsOnly, singleUndefined, publicMembersOnly, frameworkTypes],
};
