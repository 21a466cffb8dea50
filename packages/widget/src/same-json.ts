const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
};

/**
 * Whether two values hold the same JSON-like data: primitives, arrays and plain objects compared
 * by content. Anything else (a function, a `Date`, a class instance) is the same only if it is the
 * very same value. Past `depth` levels (a cycle, say) values count as different.
 */
export function sameJson(a: unknown, b: unknown, depth = 32): boolean {
  if (Object.is(a, b)) return true;
  if (!depth || !isPlain(a) || !isPlain(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key], depth - 1));
}

/**
 * Lit's `hasChanged` for object properties: React, Vue and Angular hand a new but equal object on
 * every render of the host, and that must not re-apply it (issue 11).
 */
export const changedJson = (value: unknown, old: unknown): boolean => !sameJson(value, old);
