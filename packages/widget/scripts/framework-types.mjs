// Writes types/react.d.ts and types/vue.d.ts from custom-elements.json, so that
// `import type {} from '@signaal/widget/react'` (or `/vue`) types the tags in JSX and Vue templates.
// Run by the analyzer (custom-elements-manifest.config.mjs), after the manifest is complete.
//
// The well-kept generators did not fit: custom-element-vuejs-integration types every handler's
// argument as `CustomEvent<T>` (ours are `Event` subclasses with their own fields), and
// @wc-toolkit/jsx-types imports only the element modules (our event classes live in events.ts)
// and types `ref` without React's ref objects.
import { mkdirSync, writeFileSync } from 'node:fs';

const header = '// Generated from custom-elements.json by scripts/framework-types.mjs (`npm run analyze`): do not edit.\n';
const entry = '@signaal/widget';

/** The tags of the manifest with their class, settable properties, renamed attributes and events. */
export function elementsOf(manifest) {
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []);
  return declarations
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((element) => {
      const properties = (element.members ?? []).filter(
        (member) => member.kind === 'field' && !member.privacy && !member.static && !member.readonly && !member.name.startsWith('#'),
      );
      const names = new Set(properties.map((property) => property.name));
      const attributes = (element.attributes ?? []).filter(
        (attribute) => attribute.fieldName && attribute.name !== attribute.fieldName && names.has(attribute.fieldName),
      );
      const events = (element.events ?? []).map((event) => {
        if (!event.type?.text)
          throw new Error(
            `${element.tagName}: the event ${event.name} has no type in custom-elements.json (write \`@event {EventClass} ${event.name} - …\`).`,
          );
        return event;
      });
      return { tag: element.tagName, name: element.name, properties, attributes, events };
    });
}

/** Every name the generated files import must be exported by the package's entry. */
function importsOf(manifest, elements) {
  const exported = new Set(manifest.modules.find((module) => module.path === 'src/index.ts')?.exports?.map((item) => item.name) ?? []);
  const names = new Set(
    elements.flatMap((element) => [element.name, ...element.events.flatMap((event) => event.type.text.match(/[A-Za-z_$][\w$]*/g) ?? [])]),
  );
  for (const name of names)
    if (!exported.has(name)) throw new Error(`${name} is used in custom-elements.json but not exported by ${entry}.`);
  const line = `import type { ${[...names].sort().join(', ')} } from '${entry}';\n`;
  // Wrapped the way prettier wraps it, so that `prettier --check` passes on the generated files.
  return line.length <= 141
    ? line
    : `import type {\n${[...names]
        .sort()
        .map((name) => `  ${name},\n`)
        .join('')}} from '${entry}';\n`;
}

const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n+/g, ' ')} */\n` : '');
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
const propertyLines = (element, indent) =>
  element.properties
    .map((property) => `${doc(property.description, indent)}${indent}${key(property.name)}?: ${element.name}['${property.name}'];\n`)
    .join('');

function reactFile(manifest, elements) {
  let out = `${header}import type { HTMLAttributes, RefAttributes } from 'react';\n${importsOf(manifest, elements)}\n`;
  for (const element of elements) {
    out += `/** The properties, attributes and events of \`<${element.tag}>\` in React 19 JSX. */\nexport interface ${element.name}Props {\n`;
    out += propertyLines(element, '  ');
    for (const attribute of element.attributes)
      out += `${doc(`The \`${attribute.fieldName}\` property as an attribute.`, '  ')}  ${key(attribute.name)}?: ${element.name}['${attribute.fieldName}'];\n`;
    for (const event of element.events)
      out += `${doc(event.description, '  ')}  ${key(`on${event.name}`)}?: (event: ${event.type.text}) => void;\n`;
    out += '}\n\n';
  }
  out += '/** A tag in JSX: its own props, the HTML attributes it does not redefine, and a ref to the element. */\n';
  out += 'type ElementProps<E, P> = P & Omit<HTMLAttributes<E>, keyof P> & RefAttributes<E>;\n\n';
  out += "declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n";
  for (const element of elements) out += `      '${element.tag}': ElementProps<${element.name}, ${element.name}Props>;\n`;
  out += '    }\n  }\n}\n';
  return out;
}

function vueFile(manifest, elements) {
  let out = `${header}import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';\n${importsOf(manifest, elements)}\n`;
  for (const element of elements) {
    out += `/** The properties of \`<${element.tag}>\` in Vue templates (\`:config="…"\` sets the property). */\nexport interface ${element.name}Props {\n`;
    out += propertyLines(element, '  ');
    out += `}\n\n/** The events of \`<${element.tag}>\`, by name (\`@signaal-submitted="…"\`). */\nexport interface ${element.name}Events {\n`;
    for (const event of element.events) out += `${doc(event.description, '  ')}  ${key(event.name)}: ${event.type.text};\n`;
    out += '}\n\n';
  }
  out += '/** A tag as Vue templates see it: the element (for template refs), its props and its events. */\n';
  out += 'type VueElement<E, P, Events> = new () => E & {\n';
  out += '  $props: P & Omit<HTMLAttributes, keyof P> & PublicProps;\n';
  out += '  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;\n};\n\n';
  out += "declare module 'vue' {\n  interface GlobalComponents {\n";
  for (const element of elements)
    out += `    '${element.tag}': VueElement<${element.name}, ${element.name}Props, ${element.name}Events>;\n`;
  out += '  }\n}\n';
  return out;
}

/** The generated files' contents, by path relative to the package. */
export function frameworkTypes(manifest) {
  const elements = elementsOf(manifest);
  return { 'types/react.d.ts': reactFile(manifest, elements), 'types/vue.d.ts': vueFile(manifest, elements) };
}

/** Writes the files beside `custom-elements.json` (the package root). */
export function writeFrameworkTypes(manifest, root = '.') {
  mkdirSync(`${root}/types`, { recursive: true });
  for (const [path, text] of Object.entries(frameworkTypes(manifest))) writeFileSync(`${root}/${path}`, text);
}
