// Gzipped size of the SDK's browser bundle, and the same schemas bundled with zod's classic API
// against zod/mini (the measurement behind docs/decisions/2026-11-28-zod-mini.md).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

async function bundle(entry) {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
  return result.outputFiles[0].contents;
}

export default async function measure() {
  const sdk = await readFile(new URL('../../packages/sdk/dist/browser/signaal-sdk.js', import.meta.url));
  console.log(`sdk browser bundle: ${sdk.length} bytes minified, ${gzipped(sdk)} bytes gzipped`);
  for (const flavour of ['classic', 'mini']) {
    const bytes = await bundle(new URL(`zod/${flavour}.js`, import.meta.url).pathname);
    console.log(`same schemas with zod ${flavour}: ${bytes.length} bytes minified, ${gzipped(bytes)} bytes gzipped`);
  }
}
