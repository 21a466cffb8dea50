/** A dynamic import fetched once per page; after a failed fetch the next call tries again. */
export interface Lazy<T> {
  (): Promise<T>;
  /** The value, once it is here. */
  readonly current: T | undefined;
}

export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | undefined;
  let current: T | undefined;
  const get = () =>
    (pending ??= load().then(
      (value) => (current = value),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  return Object.defineProperty(get, 'current', { get: () => current }) as Lazy<T>;
}
