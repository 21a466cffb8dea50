/** `signaal-receiver`: see command-line.ts, and `signaal-receiver --help`. */
import { main } from './command-line.js';

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error('signaal-receiver: could not start:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
