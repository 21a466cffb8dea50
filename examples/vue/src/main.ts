// Defines <signaal-button> before Vue mounts (its form loads on first open), so Vue sets `config`, `reporter`
// and `context` as properties (on an unknown tag it would write them as attributes).
import '@signaal/widget';
import { createApp } from 'vue';
import CaseScreen from './CaseScreen.vue';
import '../../case-system/case-system.css';

await customElements.whenDefined('signaal-button');

createApp(CaseScreen).mount('#app');
