/**
 * @signaal/sdk: deliver a signal of possible human trafficking or labour exploitation to the
 * municipality's backend, or compose it for the mailbox, and follow it up later.
 *
 * @example
 * import { createClient } from '@signaal/sdk';
 * const signaal = createClient({ endpoint: 'https://signalen.gemeente.nl/api' });
 * const receipt = await signaal.submit({ kind: 'signal', description: 'Wat ik zag of hoorde' });
 */
export {
  createClient,
  type CallOptions,
  type ClientOptions,
  type Operation,
  type RetryOptions,
  type SignaalClient,
  type Transport,
  type TransportRequest,
} from './client.js';
export {
  AbortError,
  ConfigError,
  HttpError,
  InvalidInputError,
  InvalidResponseError,
  NetworkError,
  SignaalError,
  isSignaalError,
  type FieldIssue,
  type SignaalErrorCode,
  type SignaalErrorOptions,
} from './errors.js';
export {
  externalRoutes,
  findIndicator,
  indicatorIds,
  indicatorSources,
  indicators,
  type ExternalRoute,
  type IloIndicator,
  type Indicator,
  type IndicatorSource,
} from './indicators.js';
export { newSignalId, prepareSignal } from './prepare.js';
export { composeMail, type ComposeMailOptions, type MailMessage } from './mailbox.js';
export {
  callbackSchema,
  confidentialitySchema,
  faqEntrySchema,
  indicatorIdSchema,
  isSecureEndpoint,
  kindSchema,
  localeSchema,
  messageOverridesSchema,
  officerSchema,
  reporterSchema,
  resourceSchema,
  settingSchema,
  signalReportSchema,
  signalSchema,
  sparringRequestSchema,
  widgetConfigSchema,
  type Confidentiality,
  type Kind,
  type Locale,
  type Officer,
  type Reporter,
  type Setting,
  type Signal,
  type SignalDraft,
  type SignalReport,
  type SparringRequest,
  type WidgetConfig,
  type WidgetConfigInput,
} from './schemas.js';
export {
  parseReceipt,
  parseRemoteConfig,
  parseStats,
  parseStatus,
  problemSchema,
  receiptSchema,
  remoteConfigSchema,
  stateSchema,
  statsSchema,
  statusSchema,
  type Problem,
  type Receipt,
  type RemoteConfig,
  type State,
  type Stats,
  type Status,
} from './responses.js';
export { fieldIssues, parseConfig, parseSignal } from './validate.js';
export { callbackWays, confidentialities, kinds, locales, settings, states } from './lists.js';
export { VERSION } from './version.js';
