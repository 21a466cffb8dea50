// `npm run bench`: runs every measurement in scripts/bench/ in name order and prints figures.
// Measurements print; they never fail a build on a number.
import { readdir } from 'node:fs/promises';

const dir = new URL('./bench/', import.meta.url);
for (const file of (await readdir(dir)).filter((name) => name.endsWith('.mjs')).sort()) {
  console.log(`\n## ${file.replace(/\.mjs$/, '')}`);
  const { default: measure } = await import(new URL(file, dir));
  await measure();
}
