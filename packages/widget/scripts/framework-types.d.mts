/** The generated files' contents (`types/react.d.ts`, `types/vue.d.ts`), by path relative to the package. */
export function frameworkTypes(manifest: unknown): Record<string, string>;
/** Writes the files beside `custom-elements.json` (the package root, or `root`). */
export function writeFrameworkTypes(manifest: unknown, root?: string): void;
