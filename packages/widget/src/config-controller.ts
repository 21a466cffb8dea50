import { isSignaalError, type FieldIssue, type RemoteConfig, type WidgetConfig } from '@signaal/sdk';
import type { ReactiveControllerHost } from 'lit';
import { SignaalErrorEvent } from './events.js';
import { resolveLocale } from './locale.js';
import { endpointConfig, resolveConfig, type ConfigSources } from './resolve-config.js';
import { changedJson } from './same-json.js';
import { Task } from './task.js';
import { checkConfigTexts } from './texts.js';

type Sources = readonly [
  configSrc: string | undefined,
  config: unknown,
  endpoint: string | undefined,
  mailbox: string | undefined,
  fromEndpoint: RemoteConfig | undefined,
];

/**
 * The endpoint's own configuration for an element that names an endpoint and neither `config`
 * nor `config-src`: asked on the element's first update (when the form opens), never blocking it.
 * Undefined until it is here; its arrival updates the element, which then resolves again.
 */
function fromEndpoint(host: ReactiveControllerHost & ConfigSources): () => RemoteConfig | undefined {
  const waiting = new Set<string>();
  return () => {
    if (!host.endpoint || host.configSrc || host.config != null) return undefined;
    const asked = endpointConfig(host.endpoint);
    if (!asked.done && !waiting.has(host.endpoint)) {
      waiting.add(host.endpoint);
      void asked.settled.then(() => host.requestUpdate());
    }
    return asked.config;
  };
}

const warnUnfit = () =>
  console.warn("[signaal] The backend's configuration (GET /config) does not fit the form's own; the form goes on with its attributes.");

/**
 * An element's configuration, resolved from its `config-src`, `config`, `endpoint` and `mailbox`
 * (see `resolveConfig`) whenever one of them changes, also on the first update with none at all,
 * so an unconfigured form says so. With an `endpoint` and neither `config` nor `config-src`, the
 * form starts with its attributes and takes the backend's `GET /config` beneath them when it
 * arrives (see `endpointConfig`); its failure changes nothing the employee sees. A change
 * aborts the resolve under way (the `config-src` request with it). A configuration that is
 * invalid or cannot be loaded is logged once, naming the fields and never their values, and
 * fires `signaal-error` (`invalid-config`) on the element.
 */
export class ConfigController extends Task<Sources, WidgetConfig> {
  constructor(host: ReactiveControllerHost & HTMLElement & ConfigSources, onComplete: (config: WidgetConfig) => void) {
    const remote = fromEndpoint(host);
    super(host, {
      args: () => [host.configSrc, host.config, host.endpoint, host.mailbox, remote()],
      // A host framework hands an equal but new `config` object on every render: that is no change.
      argsEqual: (a, b) => !changedJson(a, b),
      task: ([configSrc, config, endpoint, mailbox, beneath], { signal }) => {
        const resolve = (under?: RemoteConfig) =>
          resolveConfig({ configSrc, config, endpoint, mailbox }, signal, under).then((resolved) =>
            checkConfigTexts(resolved, resolveLocale(host, resolved.locale)),
          );
        // The endpoint's own configuration never breaks the form: if it does not fit, the attributes go on alone.
        return beneath ? resolve(beneath).catch(() => resolve().then((alone) => (warnUnfit(), alone))) : resolve();
      },
      onComplete,
      onError: (error) => {
        const issues = isSignaalError(error) && 'issues' in error ? (error.issues as FieldIssue[]) : [];
        const unset = !host.endpoint && !host.mailbox && !host.configSrc && host.config == null;
        console.error(
          '[signaal] The widget configuration is invalid or could not be loaded:',
          unset
            ? 'none was given (set endpoint, mailbox, config or config-src)'
            : issues.length
              ? issues.map((issue) => `${issue.path || '(root)'}: ${issue.code}`).join(', ')
              : isSignaalError(error)
                ? error.code
                : 'unknown',
        );
        host.dispatchEvent(new SignaalErrorEvent('invalid-config'));
      },
    });
  }

  /** Loading (at first, or after an error), ready (a configuration in use stays while a new one resolves), or invalid. */
  get state(): 'loading' | 'ready' | 'invalid' {
    return this.status === 'error' ? 'invalid' : this.value ? 'ready' : 'loading';
  }
}
