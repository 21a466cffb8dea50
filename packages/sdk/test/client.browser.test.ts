import { clientCases } from './client.cases.js';

clientCases({ describe, it, origin: () => location.origin });
