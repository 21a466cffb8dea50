/**
 * @signaal/receiver: the reference backend for Signaal. It stores signals durably, answers the
 * contract's calls, and tells the designated officer by e-mail that something arrived.
 *
 * @example
 * import { buildServer, loadKeyring, loadWidgetConfig } from '@signaal/receiver';
 * const app = await buildServer({
 *   dataDir: './data',
 *   keyring: loadKeyring('/etc/signaal/content.key'),
 *   widgetConfig: loadWidgetConfig('./signaal.json'),
 * });
 * await app.listen({ port: 8080 });
 */
export { buildServer, receiverRoutes, type Receiver, type ReceiverOptions, type RemoteConfig } from './server.js';
export { signalStoredChannel, type SignalStoredMessage } from './signal-stored.js';
export { SettingsError, loadSettings, loadWidgetConfig, resolveOptions, type Settings } from './config.js';
export { settingsHelp } from './settings-help.js';
export { inboxRoutes, sessionCookie, type InboxOptions } from './inbox-routes.js';
export {
  InboxStore,
  forwardTargets,
  type AuditAction,
  type AuditEntry,
  type ForwardTarget,
  type InboxListItem,
  type InboxSignal,
  type PeriodCounts,
  type StateChange,
} from './storage/inbox-store.js';
export { hashPassword, isPasswordHash, loadOfficers, parseOfficers, verifyPassword, type OfficerAccount } from './officers.js';
export { Notifier, composeNotification, type MailSettings, type NotifierLog } from './mail.js';
export { SignalStore, type Claim, type Counts, type StatusRow, type StoredReceipt } from './storage/signal-store.js';
export { Outbox, type OutboxItem } from './storage/outbox.js';
export { isStorageUnavailable, openStorage, storageLocation, type Engine, type Storage, type StorageLocation } from './storage/database.js';
export { migrate } from './storage/migrations.js';
export { DecryptError, KeyError, Keyring, generateContentKey, loadKeyring } from './keyring.js';
export { backup, restore, rotateKey, type MaintenanceTarget } from './maintenance.js';
export { loadSecretFile, newReference, parseSecret, referencePattern, statusTokenFor } from './receipt.js';
export { ProblemError, problemType, type ProblemCode } from './problem.js';
