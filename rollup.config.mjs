// One array of builds; each says who it is for. Built in order: the widget and the receiver
// import the SDK's build, so it comes first. The widget's and the SDK's npm builds and the widget's
// script-tag build are exported too, for `npm run bench` to build into a folder of its own.
import { rmSync } from 'node:fs';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = (pkg, options = {}) => typescript({ tsconfig: `packages/${pkg}/tsconfig.json`, outputToFilesystem: true, ...options });

/** Leave every bare import to the consumer's resolver (npm packages ship unbundled). */
const bareImports = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/** Options for a build into a folder other than the package's own dist: no declarations. */
const elsewhere = (dir, home) =>
  dir === home ? {} : { declaration: false, declarationMap: false, outDir: dir, declarationDir: undefined };

/** @signaal/sdk on npm: ES2022 modules with .d.ts, zod and the HTTP client left to the integrator's bundler. */
export const sdkNpm = (dir = 'packages/sdk/dist') => ({
  input: 'packages/sdk/src/index.ts',
  external: bareImports,
  plugins: [ts('sdk', elsewhere(dir, 'packages/sdk/dist'))],
  output: { dir, format: 'es', preserveModules: true, preserveModulesRoot: 'packages/sdk/src', sourcemap: true },
});

/**
 * @signaal/widget on npm: ES2022 modules with .d.ts; lit and @signaal/sdk left to the integrator's
 * bundler. Three entries: `index` defines the form on demand, `form` at once, `form-fields` is
 * `@signaal/widget/fields` (every export kept, for the inbox). `npm run bench` builds it into a
 * folder of its own (`dir`).
 */
export const widgetNpm = (dir = 'packages/widget/dist') => ({
  input: ['packages/widget/src/index.ts', 'packages/widget/src/form.ts', 'packages/widget/src/form-fields.ts'],
  external: bareImports,
  plugins: [ts('widget', elsewhere(dir, 'packages/widget/dist'))],
  output: { dir, format: 'es', preserveModules: true, preserveModulesRoot: 'packages/widget/src', sourcemap: true },
});

/**
 * @signaal/widget for one <script type="module">: a small entry that defines the button, and the
 * form (with the SDK, its HTTP client and zod/mini) in a chunk loaded on first open; each
 * language's texts, "good to know" and "my signals" in chunks of their own. Everything bundled.
 */
export const widgetCdn = (dir = 'packages/widget/dist/cdn', plugins = []) => ({
  input: { signaal: 'packages/widget/src/cdn.ts' },
  // The entry may export shared code (lit) to the form's chunk: one file before first open.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    ...plugins,
    nodeResolve({ browser: true }),
    ts('widget', { declaration: false, declarationMap: false, outDir: dir, declarationDir: undefined }),
    minifyLiterals({ failOnError: true }),
    terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  output: {
    dir,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
    // The HTTP client and the receipt store go in the form's chunk: the form asks its backend for
    // the configuration as it opens, so they are fetched then anyway, and one file compresses
    // better than three. The entry's own modules stay in the entry (a manual chunk would take them).
    manualChunks: (id) => cdnChunks.get(/[/\\]packages[/\\]widget[/\\]src[/\\]([\w-]+)\.ts$/.exec(id)?.[1]),
  },
});

/** Source modules of the widget and the chunk of the script-tag build each heads. */
const cdnChunks = new Map([
  ['cdn', 'signaal'],
  ['signaal-form', 'signaal-form'],
  ['delivery', 'signaal-form'],
  ['receipt-store', 'signaal-form'],
]);

const builds = [
  sdkNpm(),
  // @signaal/sdk as one minified file for a page without a bundler (and for `npm run bench`).
  {
    input: 'packages/sdk/src/index.ts',
    plugins: [
      nodeResolve({ browser: true }),
      ts('sdk', { declaration: false, declarationMap: false, outDir: 'packages/sdk/dist/browser', declarationDir: undefined }),
      terser(),
    ],
    output: { file: 'packages/sdk/dist/browser/signaal-sdk.js', format: 'es', sourcemap: true },
  },
  widgetNpm(),
  widgetCdn(),
  // @signaal/receiver for Node: the library (index), the `signaal-receiver` command (cli) and the
  // `npm start` demo, as ES modules beside their .d.ts; every package stays a runtime dependency.
  {
    input: { index: 'packages/receiver/src/index.ts', cli: 'packages/receiver/src/cli.ts', demo: 'packages/receiver/src/demo.ts' },
    external: bareImports,
    plugins: [ts('receiver')],
    output: {
      dir: 'packages/receiver/dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'packages/receiver/src',
      sourcemap: true,
      banner: (chunk) => (chunk.fileName === 'cli.js' ? '#!/usr/bin/env node' : ''),
    },
  },
  // The officer's inbox page in @signaal/receiver (served at /inbox): one browser module with lit
  // and the widget's design tokens bundled. After the widget, whose built tokens it imports.
  {
    input: { inbox: 'packages/receiver/src/inbox/main.ts' },
    plugins: [
      nodeResolve({ browser: true }),
      ts('receiver', { declaration: false, declarationMap: false, outDir: 'packages/receiver/dist/inbox', declarationDir: undefined }),
      terser({ format: { comments: false } }),
    ],
    output: { dir: 'packages/receiver/dist/inbox', format: 'es', entryFileNames: '[name].js', sourcemap: true },
  },
  // @signaal/conformance for Node: the library and the `signaal-conformance` command, as ES modules
  // beside their .d.ts; @signaal/sdk stays a runtime dependency.
  {
    input: { index: 'packages/conformance/src/index.ts', cli: 'packages/conformance/src/cli.ts' },
    external: bareImports,
    plugins: [ts('conformance')],
    output: {
      dir: 'packages/conformance/dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'packages/conformance/src',
      sourcemap: true,
      banner: (chunk) => (chunk.fileName === 'cli.js' ? '#!/usr/bin/env node' : ''),
    },
  },
];

export default () => {
  // Start from empty dist folders, so no hashed chunk of an earlier build is served or published.
  for (const pkg of ['sdk', 'widget', 'receiver', 'conformance']) rmSync(`packages/${pkg}/dist`, { recursive: true, force: true });
  return builds;
};
