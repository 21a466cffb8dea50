import type { ClientOptions, Receipt, SignaalClient, Signal, WidgetConfig } from '@signaal/sdk';
import type { ReactiveControllerHost } from 'lit';
import { delivery } from './network.js';
import { changedJson } from './same-json.js';
import { Task, type TaskOptions } from './task.js';
import { VERSION } from './version.js';

/** SDK client options the host may set; endpoint and mailbox come from the configuration. */
export type WidgetClientOptions = Omit<ClientOptions, 'endpoint' | 'mailbox' | 'client'>;

/** How the widget names itself in every signal it sends. */
export const clientName = `@signaal/widget@${VERSION}`;

/** What delivery needs from its element: the host's client options and the resolved configuration. */
interface DeliveryHost extends ReactiveControllerHost {
  clientOptions?: WidgetClientOptions | undefined;
}

/**
 * Delivers a prepared signal through the SDK (`run([signal])`), with an `AbortSignal` that a
 * disconnect aborts; the send starts again on reconnect with the same idempotency key, so the
 * backend stores it once. The SDK's HTTP client is an on-demand chunk (see `network.ts`),
 * fetched on the first delivery: failing to fetch it fails the delivery as a network failure.
 */
export class DeliveryController extends Task<readonly [Signal], Receipt> {
  #made: { from: WidgetConfig; options: WidgetClientOptions | undefined; client: SignaalClient } | undefined;

  constructor(
    private readonly element: DeliveryHost,
    private readonly config: () => WidgetConfig | undefined,
    callbacks: Pick<TaskOptions<readonly [Signal], Receipt>, 'onComplete' | 'onError'>,
  ) {
    super(element, { ...callbacks, task: async ([signal], { signal: abort }) => (await this.connect()).submit(signal, { signal: abort }) });
  }

  /** The SDK client for the current configuration and client options, once its chunk is here. */
  get client(): SignaalClient | undefined {
    const create = delivery.current?.createClient;
    const config = this.config();
    const options = this.element.clientOptions;
    if (!create || !config) return undefined;
    // Options compare by value, as the element's property does: equal options keep the client.
    if (this.#made?.from !== config || changedJson(this.#made.options, options)) {
      const client = create({
        ...options,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...(config.mailbox ? { mailbox: config.mailbox } : {}),
        client: clientName,
      });
      this.#made = { from: config, options, client };
    }
    return this.#made.client;
  }

  /** Fetches the HTTP client's chunk on first need; rejects if it cannot be loaded. */
  async connect(): Promise<SignaalClient> {
    await delivery();
    return this.client!;
  }
}
