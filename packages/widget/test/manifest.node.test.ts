// custom-elements.json is what the analyzer makes of the elements' JSDoc today: editors, docs
// and framework wrappers read it, so a stale one misleads integrators. `npm test` builds first,
// and the build regenerates the manifest; this fails when that changed the committed file.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const manifest = fileURLToPath(new URL('../custom-elements.json', import.meta.url));

describe('custom-elements.json', () => {
  it('is committed as the build generates it (run `npm run build` and commit it when this fails)', async () => {
    const { stdout } = await promisify(execFile)('git', ['diff', '--stat', 'HEAD', '--', manifest]);
    expect(stdout, 'the build changed custom-elements.json').to.equal('');
  });

  it('describes both elements, their attributes and their events', async () => {
    type Declaration = { tagName?: string; attributes?: Array<{ name: string }>; events?: Array<{ name: string }> };
    const modules = JSON.parse(await readFile(manifest, 'utf8')).modules as Array<{ declarations?: Declaration[] }>;
    const elements = new Map(modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName).map((declaration) => [declaration.tagName, declaration]));
    expect([...elements.keys()]).to.include.members(['signaal-button', 'signaal-form']);
    const button = elements.get('signaal-button')!;
    expect(button.attributes?.map((attribute) => attribute.name)).to.include.members(['endpoint', 'mailbox', 'config-src', 'placement']);
    expect(button.events?.map((event) => event.name)).to.include.members(['signaal-open', 'signaal-close', 'signaal-submit', 'signaal-submitted', 'signaal-error']);
  });
});
