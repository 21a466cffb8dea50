// Gzipped size of the SDK's browser bundle (zod/mini, ky and the SDK, minified).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

export const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

export default async function measure() {
  const bundle = await readFile(new URL('../../packages/sdk/dist/browser/signaal-sdk.js', import.meta.url));
  console.log(`sdk browser bundle: ${bundle.length} bytes minified, ${gzipped(bundle)} bytes gzipped`);
}
