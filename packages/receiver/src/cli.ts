/** `signaal-receiver`: see command-line.ts, and `signaal-receiver --help`. */
import { runCommand } from './command-line.js';

runCommand();
