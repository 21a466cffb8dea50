/**
 * An async action of an element, with its status and an `AbortSignal`: the part of `@lit/task`
 * the widget uses, in a few hundred bytes (the package is not a dependency; its API is followed,
 * so swapping it in is a small change). One difference: a disconnect aborts a pending run, and
 * the run starts again (with the same arguments) when the element is connected again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type TaskStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface TaskOptions<Args extends readonly unknown[], Result> {
  /** The work; `signal` aborts when a newer run starts and on disconnect (the outcome is then ignored). */
  task: (args: Args, options: { signal: AbortSignal }) => Promise<Result>;
  /** Runs the task before each update in which these changed (see `argsEqual`); without them, only `run()` does. */
  args?: () => Args;
  /** Whether two argument lists are the same; by default each argument is compared with `===`. */
  argsEqual?: (a: Args, b: Args) => boolean;
  onComplete?: (value: Result) => void;
  onError?: (error: unknown) => void;
}

export class Task<Args extends readonly unknown[], Result> implements ReactiveController {
  status: TaskStatus = 'initial';
  /** The last run's value; kept while a newer run is pending, cleared by an error. */
  value: Result | undefined;
  error: unknown;
  #args: Args | undefined;
  #run: AbortController | undefined;
  #interrupted = false;
  #complete: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TaskOptions<Args, Result>,
  ) {
    host.addController(this);
  }

  /** Settles once the current run is done: resolves with its value, rejects with its error. */
  get taskComplete(): Promise<Result | undefined> {
    return this.#complete.then(() => {
      if (this.status === 'error') throw this.error;
      return this.value;
    });
  }

  hostUpdate(): void {
    const args = this.options.args?.();
    const same = this.options.argsEqual ?? ((a: Args, b: Args) => a.every((arg, index) => arg === b[index]));
    if (args && !(this.#args && same(args, this.#args))) void this.run(args);
  }

  hostConnected(): void {
    if (this.#interrupted) void this.run(this.#args);
    this.#interrupted = false;
  }

  hostDisconnected(): void {
    this.#interrupted = this.status === 'pending';
    this.#run?.abort();
  }

  /** Runs the task (again), aborting a pending run; settles when this run is done. */
  run(args: Args | undefined = this.#args ?? this.options.args?.()): Promise<void> {
    this.#run?.abort();
    const run = (this.#run = new AbortController());
    this.#args = args;
    this.status = 'pending';
    this.host.requestUpdate();
    this.#complete = this.options.task(args!, { signal: run.signal }).then(
      (value) => {
        if (run !== this.#run || run.signal.aborted) return;
        this.status = 'complete';
        this.value = value;
        this.error = undefined;
        this.options.onComplete?.(value);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (run !== this.#run || run.signal.aborted) return;
        this.status = 'error';
        this.value = undefined;
        this.error = error;
        this.options.onError?.(error);
        this.host.requestUpdate();
      },
    );
    return this.#complete;
  }
}
