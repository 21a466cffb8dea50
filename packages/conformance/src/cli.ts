/** `signaal-conformance`: see command-line.ts, and `signaal-conformance --help`. */
import { main } from './command-line.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('signaal-conformance: could not run:', error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
