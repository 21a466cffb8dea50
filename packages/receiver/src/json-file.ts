import { readFileSync } from 'node:fs';

/**
 * Reads a JSON file the municipality edits (the widget configuration, the officers). The error
 * names the file and what is wrong with it, never its content: the officers file holds hashes.
 */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TypeError(`Cannot read the ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new TypeError(`The ${what} ${path} is not valid JSON.`);
  }
}
