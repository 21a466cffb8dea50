/**
 * The diagnostics channel `signaal:signal-stored` (node:diagnostics_channel): published once a
 * signal is durably stored, before its receipt is sent, with its reference and kind and nothing of
 * its content, for an operator's metrics. Subscribers run synchronously in the request.
 */
import diagnostics from 'node:diagnostics_channel';
import type { Kind } from '@signaal/sdk';

export const signalStoredChannel = 'signaal:signal-stored';

export interface SignalStoredMessage {
  reference: string;
  kind: Kind;
}

const channel = diagnostics.channel(signalStoredChannel);

/** Tells the channel's subscribers, if there are any, that a signal was stored. */
export function publishSignalStored(message: SignalStoredMessage): void {
  if (channel.hasSubscribers) channel.publish(message);
}
