/**
 * Runs node tests on Node 22 too (npm test runs them on Node 20 first):
 *
 *   node scripts/node22.mjs packages/sdk/test/*.node.test.ts …
 *
 * Node 22 itself comes from the npm registry's `node` package (`npx -p node@22`). What does not carry
 * over is better-sqlite3: the addon in node_modules was compiled by `npm install` for Node 20's ABI
 * (NODE_MODULE_VERSION 115), and Node 22 (127) refuses to load it. `npm rebuild better-sqlite3` would
 * fix Node 22 and break Node 20, and the prebuilt addons that its install script tries first are not
 * reachable here (only the npm registry is). So this script compiles a second copy of the addon for
 * Node 22, in a folder of its own:
 *
 *   node_modules/.cache/signaal-node22/better-sqlite3-<its version>-node-<Node's version>/better_sqlite3.node
 *
 * once (about a minute on 2 cores; later runs reuse it, and `npm ci` clears it with node_modules),
 * with npm's own node-gyp and the C headers from the npm registry's node-<platform>-<arch> package
 * (which the `node` package installs its binary from; node-gyp would otherwise download the headers
 * from nodejs.org). The tests then run on Node 22 with scripts/node22-addons.mjs preloaded, which
 * hands better-sqlite3 that copy when it loads its addon. Node 20's node_modules stays untouched.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addonPath } from './node22-addons.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testFiles = process.argv.slice(2);

function node22() {
  const out = execFileSync('npx', ['-y', '-p', 'node@22', '--', 'node', '-p', 'process.execPath + "\\n" + process.version'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [execPath, version] = out.trim().split('\n');
  if (!execPath || !version?.startsWith('v22.')) throw new Error(`npx -p node@22 gave no Node 22: ${out}`);
  return { execPath, version };
}

function npmNodeGyp() {
  // npm sets npm_config_node_gyp for the scripts it runs; otherwise find npm's own copy.
  const candidates = [process.env.npm_config_node_gyp];
  try {
    const globalRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
    candidates.push(join(globalRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  } catch {
    // Only a fallback.
  }
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error("Cannot find npm's node-gyp to compile better-sqlite3 for Node 22");
  return found;
}

/** The path of a better-sqlite3 addon compiled for this Node 22, compiling it when there is none yet. */
function betterSqlite3For({ execPath, version }) {
  const { packageDir, packageVersion, addon } = addonPath(version);
  const cacheRoot = dirname(dirname(addon));
  if (existsSync(addon)) return addon;

  console.log(`Compiling better-sqlite3 ${packageVersion} for Node ${version} (once; about a minute)…`);
  const started = Date.now();
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'build-'));
  try {
    // Node's C headers, from the same registry package as the Node 22 binary.
    const headersPackage = `node-${process.platform}-${process.arch}@${version.slice(1)}`;
    const tarball = execFileSync('npm', ['pack', headersPackage, '--pack-destination', work, '--silent'], {
      cwd: work,
      encoding: 'utf8',
    }).trim();
    const nodeDir = join(work, 'node');
    mkdirSync(nodeDir);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', nodeDir, '--strip-components=1', 'package/include']);

    // A copy of the package's sources, without the Node 20 build.
    const source = join(work, 'better-sqlite3');
    cpSync(packageDir, source, {
      recursive: true,
      filter: (path) => relative(packageDir, path).split(sep)[0] !== 'build',
    });
    // This machine's npmrc says nodedir=/usr (Debian's Node 20 headers, for npm install), and npm
    // passes that on to its scripts as npm_config_nodedir, which node-gyp prefers to --nodedir.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_nodedir$/i.test(name)));
    try {
      execFileSync(execPath, [npmNodeGyp(), 'rebuild', '--release', '--jobs=max', `--nodedir=${nodeDir}`], {
        cwd: source,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      console.error(error.stdout, error.stderr);
      throw new Error('Compiling better-sqlite3 for Node 22 failed (output above)', { cause: error });
    }
    mkdirSync(dirname(addon), { recursive: true });
    // A rename, so that a run that stops halfway leaves no half-written addon to be reused.
    renameSync(join(source, 'build', 'Release', 'better_sqlite3.node'), addon);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`Compiled in ${Math.round((Date.now() - started) / 1000)} s: ${relative(root, addon)}`);
  return addon;
}

const node = node22();
betterSqlite3For(node);
// The preload goes through NODE_OPTIONS rather than a flag, so that the receivers that tests start as
// child processes (with process.execPath) load it too. A Node 20 process that inherits it finds no
// copy compiled for its version and keeps its own addon.
const preload = `--import ${pathToFileURL(join(root, 'scripts', 'node22-addons.mjs')).href}`;
const child = spawn(node.execPath, ['--import', 'tsx', '--test', ...testFiles], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' ') },
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
