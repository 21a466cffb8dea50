import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { signInAgain } from './inbox-api.js';

/** An inbox view: an element served under `base`, where a lapsed session sends the officer to sign in. */
export interface InboxView extends ReactiveControllerHost {
  base: string;
}

/**
 * What an inbox view shows, loaded from the inbox API as a `@lit/task`: when the view is first
 * rendered and whenever `args` change (by `===`), with the previous request aborted; `status`
 * says pending, complete (`value`) or error. A lapsed session (401) sends the officer to sign in
 * and leaves the task in its initial state. Leaving the page aborts a pending request, and coming
 * back asks again.
 *
 * @example
 * private readonly figures = inboxTask(this, () => [this.unit] as const, ([unit], signal) => this.api.figures(unit, signal));
 */
export function inboxTask<Args extends readonly unknown[], Result>(
  host: InboxView,
  args: () => Args,
  load: (args: Args, signal: AbortSignal) => Promise<Result | typeof initialState>,
): Task<Args, Result> {
  const task = new Task<Args, Result>(host, {
    args,
    task: async (values, { signal }) => {
      try {
        return await load(values, signal);
      } catch (error) {
        if (signInAgain(error, host.base)) return initialState;
        throw error;
      }
    },
  });
  let interrupted = false;
  host.addController({
    hostConnected: () => {
      if (interrupted) void task.run();
      interrupted = false;
    },
    hostDisconnected: () => {
      interrupted = task.status === TaskStatus.PENDING;
      task.abort();
    },
  });
  return task;
}

export { TaskStatus, initialState };
