/**
 * The inbox page's script (`dist/inbox/inbox.js`): defines the inbox elements, each only if it is
 * not defined yet.
 */
import { SignaalInboxDetail } from './signaal-inbox-detail.js';
import { SignaalInboxErase } from './signaal-inbox-erase.js';
import { SignaalInboxFigures } from './signaal-inbox-figures.js';
import { SignaalInboxList } from './signaal-inbox-list.js';
import { SignaalInboxPagination } from './signaal-inbox-pagination.js';
import { SignaalInboxSignIn } from './signaal-inbox-sign-in.js';
import { SignaalInbox } from './signaal-inbox.js';

const elements: Array<[string, CustomElementConstructor]> = [
  ['signaal-inbox', SignaalInbox],
  ['signaal-inbox-sign-in', SignaalInboxSignIn],
  ['signaal-inbox-list', SignaalInboxList],
  ['signaal-inbox-pagination', SignaalInboxPagination],
  ['signaal-inbox-figures', SignaalInboxFigures],
  ['signaal-inbox-detail', SignaalInboxDetail],
  ['signaal-inbox-erase', SignaalInboxErase],
];
for (const [tag, element] of elements) if (!customElements.get(tag)) customElements.define(tag, element);
