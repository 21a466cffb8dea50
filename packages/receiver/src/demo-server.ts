/**
 * The demo server: the receiver under `/api`, the examples, the widget build and an index page on
 * one local port, with a local mail catcher. For trying Signaal and for end-to-end tests, not for
 * production (see docs/receiver.md).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { remoteConfigSchema } from '@signaal/sdk';
import { loadWidgetConfig } from './config.js';
import { MailCatcher } from './mail-catcher.js';
import { hashPassword, type OfficerAccount } from './officers.js';
import { generateContentKey, loadKeyring, type Keyring } from './keyring.js';
import { buildServer } from './server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const defaultPaths = {
  examples: join(root, 'examples'),
  widget: join(root, 'packages/widget/dist'),
  sdk: join(root, 'packages/sdk/dist/browser'),
  assets: join(root, 'packages/receiver/demo'),
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/**
 * The example folders with an index.html that a browser can open as it is, with the page's title.
 * The framework examples (a vite.config.ts beside their page) need Vite to build first: the index
 * page points to their guide instead.
 */
function listExamples(examplesDir: string): Array<{ name: string; title: string }> {
  if (!existsSync(examplesDir)) return [];
  const servable = (name: string) =>
    existsSync(join(examplesDir, name, 'index.html')) &&
    !['vite.config.ts', 'vite.config.js', 'vite.config.mjs'].some((file) => existsSync(join(examplesDir, name, file)));
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && servable(entry.name))
    .map((entry) => {
      const html = readFileSync(join(examplesDir, entry.name, 'index.html'), 'utf8');
      return { name: entry.name, title: /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() || entry.name };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function indexPage(api: string, examplesDir: string): string {
  const examples = listExamples(examplesDir);
  const items = examples.length
    ? examples
        .map(({ name, title }) => `<li><a href="/examples/${encodeURIComponent(name)}/">${escapeHtml(title)}</a></li>`)
        .join('\n      ')
    : '<li>No examples yet: build the widget and add examples/ (see docs/integration.md).</li>';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Signaal demo</title>
    <link rel="stylesheet" href="/demo/demo.css">
  </head>
  <body>
    <main>
      <h1>Signaal demo</h1>
      <p>The widget embedded the ways integrators will, talking to a real <code>@signaal/receiver</code>.
        Mail to the designated officer is caught locally and shown in the terminal, without content.</p>
      <h2>Examples</h2>
      <ul>
      ${items}
      </ul>
      <p>React and Vue case screens are in <code>examples/react</code> and <code>examples/vue</code>; they build with Vite
        (see docs/frameworks.md).</p>
      <h2>The API</h2>
      <ul>
        <li><a href="${escapeHtml(api)}/config"><code>GET ${escapeHtml(api)}/config</code></a>: the widget configuration</li>
        <li><a href="${escapeHtml(api)}/stats"><code>GET ${escapeHtml(api)}/stats</code></a>: counts, no content</li>
        <li><a href="/inbox/"><code>/inbox/</code></a>: the designated officer's inbox (the console shows the demo sign-in)</li>
        <li><code>POST ${escapeHtml(api)}/signals</code> and <code>GET ${escapeHtml(api)}/signals/{reference}/status</code>: see docs/contract.md</li>
      </ul>
    </main>
  </body>
</html>
`;
}

/** The pages: examples, the widget build and the index, with a CSP that allows only this origin. */
async function pages(app: FastifyInstance, api: string, paths: typeof defaultPaths): Promise<void> {
  await app.register(async (site) => {
    await site.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'https:', 'data:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
          requireTrustedTypesFor: ["'script'"],
        },
      },
    });
    await site.register(fastifyStatic, { root: paths.examples, prefix: '/examples/', redirect: true });
    await site.register(fastifyStatic, { root: paths.widget, prefix: '/widget/', decorateReply: false });
    await site.register(fastifyStatic, { root: paths.sdk, prefix: '/sdk/', decorateReply: false });
    // The same builds at their repository paths, for examples that link them relatively (../../packages/…).
    await site.register(fastifyStatic, { root: paths.widget, prefix: '/packages/widget/dist/', decorateReply: false });
    await site.register(fastifyStatic, { root: paths.sdk, prefix: '/packages/sdk/dist/browser/', decorateReply: false });
    await site.register(fastifyStatic, {
      root: paths.assets,
      prefix: '/demo/',
      decorateReply: false,
      allowedPath: (path) => path.endsWith('.css') || path.endsWith('.svg'),
    });
    // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
    site.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
    site.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(indexPage(api, paths.examples)));
  });
}

/** The demo's officer account: printed at start, for trying the inbox on loopback only. */
export const demoOfficer = { username: 'officer', password: 'demo-officer-password', name: 'Sanne de Vries (demo)' } as const;

export interface DemoOptions {
  /** The port; the widget configuration points at it, so it cannot be 0. */
  port: number;
  dataDir: string;
  /** The folder served at `/examples/`. Default: the repository's `examples/`. */
  examplesDir?: string;
  /** Where the one-line mail notices go. Default: the console. */
  onMail?: (line: string) => void;
  logLevel?: string;
  /** The content key (see `demoKeyring`). */
  keyring: Keyring;
  secret?: Buffer;
  /** Who may sign in to the inbox. Default: the demo officer (`demoOfficer`). */
  officers?: OfficerAccount[];
}

export interface Demo {
  app: FastifyInstance;
  url: string;
  catcher: MailCatcher;
  examples: Array<{ name: string; title: string }>;
  smtpUrl: string;
  /** The inbox's sign-in page. */
  inboxUrl: string;
  close(): Promise<void>;
}

/**
 * The demo's content key, kept in a folder of its own beside the data folder: made on first
 * start (mode 0600), then reused so the demo's signals stay readable. `made` says whether it is new.
 */
export function demoKeyring(path: string): { keyring: Keyring; made: boolean } {
  let made = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, generateContentKey(), { mode: 0o600, flag: 'wx' });
    made = true;
  }
  return { keyring: loadKeyring(path), made };
}

/** Starts the demo on `127.0.0.1:<port>`. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const paths = { ...defaultPaths, ...(options.examplesDir ? { examples: options.examplesDir } : {}) };
  const { port, dataDir } = options;
  const onMail = options.onMail ?? ((line: string) => console.log(line));
  const catcher = new MailCatcher();
  const smtpUrl = await catcher.listen();
  catcher.on('mail', (mail: { to: string[]; raw: string }) => {
    const subject = /^Subject: (.*)$/m.exec(mail.raw)?.[1] ?? '(no subject)';
    onMail(`mail to ${mail.to.join(', ')}: "${subject}" (content not shown)`);
  });

  const fileConfig = loadWidgetConfig(join(paths.assets, 'config.json'));
  // The examples and the widget reach the API on this port, and the officer's photo: a drawn
  // avatar (demo/officer.svg) served by the demo itself, so the examples show the officer's card
  // with a photo while setting only `endpoint`.
  const officer = fileConfig.officer && { photo: `http://localhost:${port}/demo/officer.svg`, ...fileConfig.officer };
  const widgetConfig = remoteConfigSchema.parse({
    ...fileConfig,
    ...(officer ? { officer } : {}),
    endpoint: `http://localhost:${port}/api`,
  });
  const mailbox = widgetConfig.mailbox ?? 'aandachtsfunctionaris@gemeente.example';
  const officers = options.officers ?? [
    { username: demoOfficer.username, name: demoOfficer.name, passwordHash: await hashPassword(demoOfficer.password) },
  ];
  const app = await buildServer({
    prefix: '/api',
    inbox: { officers },
    dataDir,
    keyring: options.keyring,
    ...(options.secret ? { secret: options.secret } : {}),
    widgetConfig,
    allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    logLevel: options.logLevel ?? 'warn',
    mail: { smtpUrl, from: 'signaal@gemeente.example', to: mailbox, inboxUrl: `http://localhost:${port}/inbox` },
  });
  await pages(app, '/api', paths);
  try {
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await Promise.all([app.close(), catcher.close()]);
    throw error;
  }
  return {
    app,
    url: `http://localhost:${port}`,
    catcher,
    smtpUrl,
    inboxUrl: `http://localhost:${port}/inbox/sign-in`,
    examples: listExamples(paths.examples),
    // The receiver first: it finishes a mail it is sending before the catcher goes.
    close: async () => {
      await app.close();
      await catcher.close();
    },
  };
}
