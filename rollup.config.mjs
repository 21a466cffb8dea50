// One array of builds; each says who it is for. Built in order: the widget and the receiver
// import the SDK's build, so it comes first.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = (pkg, options = {}) =>
  typescript({ tsconfig: `packages/${pkg}/tsconfig.json`, outputToFilesystem: true, ...options });

/** Leave every bare import to the consumer's resolver (npm packages ship unbundled). */
const bareImports = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default [
  // @signaal/sdk on npm: ES2022 modules with .d.ts, zod and ky left to the integrator's bundler.
  {
    input: 'packages/sdk/src/index.ts',
    external: bareImports,
    plugins: [ts('sdk')],
    output: { dir: 'packages/sdk/dist', format: 'es', preserveModules: true, preserveModulesRoot: 'packages/sdk/src', sourcemap: true },
  },
  // @signaal/sdk as one minified file for a page without a bundler (and for `npm run bench`).
  {
    input: 'packages/sdk/src/index.ts',
    plugins: [nodeResolve({ browser: true }), ts('sdk', { declaration: false, declarationMap: false, outDir: 'packages/sdk/dist/browser', declarationDir: undefined }), terser()],
    output: { file: 'packages/sdk/dist/browser/signaal-sdk.js', format: 'es', sourcemap: true },
  },
];
