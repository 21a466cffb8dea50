/**
 * Preloaded by scripts/node22.mjs (through NODE_OPTIONS) into every Node process of the Node 22 test
 * run, including the receivers that tests start as child processes. better-sqlite3 loads its addon
 * from its own build/Release folder, compiled for Node 20 by npm install; when scripts/node22.mjs has
 * compiled a copy for the Node that is running, this hands better-sqlite3 that copy instead.
 *
 * The copy is found from this file's place and the running Node's version, not from an environment
 * variable: several tests start the receiver with every SIGNAAL_ variable removed, or with an
 * environment of their own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where scripts/node22.mjs keeps better-sqlite3's addon compiled for the given Node version. */
export function addonPath(nodeVersion) {
  const packageJson = createRequire(join(root, 'packages', 'receiver', 'package.json')).resolve('better-sqlite3/package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  return {
    packageDir: dirname(packageJson),
    packageVersion: version,
    addon: join(root, 'node_modules', '.cache', 'signaal-node22', `better-sqlite3-${version}-node-${nodeVersion}`, 'better_sqlite3.node'),
  };
}

const { addon } = addonPath(process.version);
const installedBuild = /[\\/]better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/;

if (existsSync(addon)) {
  const dlopen = process.dlopen;
  process.dlopen = function (module, filename, ...rest) {
    return dlopen.call(this, module, installedBuild.test(filename) ? addon : filename, ...rest);
  };
}
