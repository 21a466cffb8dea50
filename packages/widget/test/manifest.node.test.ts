// custom-elements.json is what the analyzer makes of the elements' JSDoc and types today: editors,
// docs and the React and Vue types in types/ read it, so a stale or vague one misleads integrators.
// `npm test` builds first, and the build regenerates both; this fails when that changed the
// committed files, when a property or event lost its type, or when types/ no longer follows it.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { frameworkTypes } from '../scripts/framework-types.mjs';
import * as events from '../src/events.js';

const manifestPath = fileURLToPath(new URL('../custom-elements.json', import.meta.url));
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

interface Typed {
  name: string;
  type?: { text: string };
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Array<Typed & { fieldName?: string }>;
  members?: Array<Typed & { kind: string; privacy?: string }>;
  events?: Typed[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

const readManifest = async () => JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
async function elements() {
  const declarations = (await readManifest()).modules.flatMap((module) => module.declarations ?? []);
  return new Map(declarations.filter((declaration) => declaration.tagName).map((declaration) => [declaration.tagName, declaration]));
}

/** The event classes by the event name they dispatch (`SignaalSubmittedEvent.type` is 'signaal-submitted'). */
const eventClasses = new Map<string, string>(
  Object.values(events)
    .filter((value): value is typeof value & { type: string } => typeof value === 'function' && 'type' in value)
    .map((eventClass) => [eventClass.type, eventClass.name]),
);

describe('custom-elements.json', () => {
  it('is committed as the build generates it, with the React and Vue types (run `npm run build` and commit them when this fails)', async () => {
    const { stdout } = await promisify(execFile)('git', ['diff', '--stat', 'HEAD', '--', manifestPath, `${packageRoot}types`]);
    expect(stdout, 'the build changed custom-elements.json or types/').to.equal('');
  });

  it('describes both elements, their attributes and their events', async () => {
    const found = await elements();
    expect([...found.keys()]).to.include.members(['signaal-button', 'signaal-form']);
    const button = found.get('signaal-button')!;
    expect(button.attributes?.map((attribute) => attribute.name)).to.include.members(['endpoint', 'mailbox', 'config-src', 'placement']);
    expect(button.events?.map((event) => event.name)).to.include.members([
      'signaal-open',
      'signaal-close',
      'signaal-submit',
      'signaal-submitted',
      'signaal-error',
    ]);
  });

  it('describes only what a page may use: no private or protected members', async () => {
    for (const element of (await elements()).values()) {
      const hidden = (element.members ?? []).filter(
        (member) => member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#'),
      );
      expect(
        hidden.map((member) => member.name),
        element.tagName,
      ).to.deep.equal([]);
      expect(
        element.members?.map((member) => member.name),
        element.tagName,
      ).to.include.members(['config', 'endpoint']);
    }
  });

  it('types the object properties with their named types, not unknown', async () => {
    for (const element of (await elements()).values()) {
      const typeOf = (name: string) => element.members?.find((member) => member.name === name)?.type?.text;
      expect(typeOf('config'), `${element.tagName}.config`).to.equal('WidgetConfigInput | undefined');
      expect(typeOf('reporter'), `${element.tagName}.reporter`).to.equal('SignaalReporter | undefined');
      expect(typeOf('context'), `${element.tagName}.context`).to.equal('SignaalContext | undefined');
      expect(typeOf('messages'), `${element.tagName}.messages`).to.equal('MessageOverrides | undefined');
      expect(typeOf('clientOptions'), `${element.tagName}.clientOptions`).to.equal('WidgetClientOptions | undefined');
      for (const attribute of element.attributes ?? []) {
        if (attribute.fieldName)
          expect(attribute.type?.text, `${element.tagName}[${attribute.name}]`)
            .to.be.a('string')
            .and.not.match(/unknown|any/);
      }
    }
  });

  it('types every event with the class that dispatches it', async () => {
    expect(eventClasses.get('signaal-submitted')).to.equal('SignaalSubmittedEvent');
    for (const element of (await elements()).values()) {
      for (const event of element.events ?? []) {
        expect(event.type?.text, `${element.tagName} ${event.name}`).to.equal(eventClasses.get(event.name));
      }
    }
  });
});

describe('types/react.d.ts and types/vue.d.ts', () => {
  it('are what the generator makes of the committed custom-elements.json', async () => {
    const generated = frameworkTypes(await readManifest());
    expect(Object.keys(generated)).to.have.members(['types/react.d.ts', 'types/vue.d.ts']);
    for (const [path, text] of Object.entries(generated)) expect(await readFile(`${packageRoot}${path}`, 'utf8'), path).to.equal(text);
  });

  it('refuse an event without a type, rather than typing its handler loosely', async () => {
    const manifest = await readManifest();
    const button = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'signaal-button')!;
    delete button.events![0]!.type;
    expect(() => frameworkTypes(manifest)).to.throw(/signaal-open has no type/);
  });

  it('refuse a type that the package does not export', async () => {
    const manifest = await readManifest();
    const form = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'signaal-form')!;
    form.events![0]!.type = { text: 'InternalEvent' };
    expect(() => frameworkTypes(manifest)).to.throw(/InternalEvent .* not exported by @signaal\/widget/);
  });
});
