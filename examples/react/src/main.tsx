// Defines <signaal-button> before React renders the first tag (its form loads on first open): React 19 sets
// `config`, `reporter` and `context` as properties only on elements that are already defined
// (on an unknown tag it would write them as attributes, as "[object Object]").
import '@signaal/widget';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CaseScreen } from './case-screen';
import '../../case-system/case-system.css';

await customElements.whenDefined('signaal-button');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CaseScreen />
  </StrictMode>,
);
