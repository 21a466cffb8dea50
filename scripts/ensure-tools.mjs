// Before `npm test`: the machine's own browsers and PostgreSQL, which the tests use and nothing
// downloads. Where they are missing, installs Debian's packages when it can (root with apt-get,
// as .ci/run does); otherwise stops at once with one line saying what to install.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chromiumPath as chromium } from './chromium.mjs';

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const hasPostgres = () => {
  try {
    return readdirSync('/usr/lib/postgresql').some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));
  } catch {
    return false;
  }
};

const missing = () =>
  [
    existsSync(chromium) ? undefined : 'chromium',
    existsSync(firefox) ? undefined : 'firefox-esr',
    hasPostgres() ? undefined : 'postgresql',
  ].filter(Boolean);

let packages = missing();
if (packages.length > 0) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log(`Installing Debian's ${packages.join(', ')} for the tests`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
    packages = missing();
  }
  if (packages.length > 0) {
    console.error(
      `The tests need ${packages.join(', ')}: install ${packages.length === 1 ? 'it' : 'them'} with \`sudo apt-get install ${packages.join(' ')}\` (or set CHROMIUM_PATH / FIREFOX_PATH), then run npm test again.`,
    );
    process.exit(1);
  }
}
