// What an import of the npm entry brings before the first click: the modules a bundler must put
// in the page's first script are those reached by static imports from src/index.ts. The form, the
// SDK (with zod) and the texts must be reached only through dynamic imports, so a bundler splits
// them off (issue 11). Read from the sources with esbuild's module graph: the npm build keeps
// every module and import as it is (preserveModules), so dist/index.js has the same graph.
import { expect } from 'chai';
import { build, type Metafile } from 'esbuild';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** The local modules and bare packages an entry reaches through static imports alone. */
async function staticGraph(entry: string): Promise<{ modules: Set<string>; packages: Set<string> }> {
  const { metafile } = await build({
    entryPoints: [`${src}${entry}`],
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    outdir: '/nowhere',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = metafile.inputs;
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (modules.has(path)) return;
    modules.add(path);
    for (const imported of inputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      // esbuild's own helpers (decorators) stand where tsc imports tslib: no package of ours.
      if (imported.path.startsWith('<')) continue;
      if (imported.external)
        packages.add(
          imported.path
            .split('/')
            .slice(0, imported.path.startsWith('@') ? 2 : 1)
            .join('/'),
        );
      else visit(imported.path);
    }
  };
  visit(Object.keys(inputs).find((path) => path.endsWith(`src/${entry}`))!);
  return { modules: new Set([...modules].map((path) => path.replace(/^.*src\//, ''))), packages };
}

describe('the npm entry (@signaal/widget)', () => {
  it('does not import the form, the SDK or the texts before the first open', async () => {
    const { modules, packages } = await staticGraph('index.ts');
    expect(modules).to.include('signaal-button.ts');
    for (const module of ['signaal-form.ts', 'messages/nl.ts', 'messages/en.ts', 'resolve-config.ts'])
      expect(modules, module).not.to.include(module);
    expect([...packages].sort()).to.deep.equal(['lit']);
  });

  it('defines the form on demand, as the script-tag build does', async () => {
    const { modules, packages } = await staticGraph('cdn.ts');
    expect(modules).to.include('form-on-demand.ts');
    expect(modules).not.to.include('signaal-form.ts');
    expect([...packages].sort()).to.deep.equal(['lit']);
  });
});

describe('the eager entry (@signaal/widget/form)', () => {
  it('imports the form, the SDK and both languages at once', async () => {
    const { modules, packages } = await staticGraph('form.ts');
    expect([...modules]).to.include.members(['signaal-button.ts', 'signaal-form.ts', 'messages/nl.ts', 'messages/en.ts']);
    expect(modules).not.to.include('form-on-demand.ts');
    expect([...packages]).to.include('@signaal/sdk');
  });
});
