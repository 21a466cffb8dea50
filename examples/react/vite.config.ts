// The React case screen. `npm start` in the repository serves the demo receiver on port 8080;
// `npx vite examples/react` then serves this screen and forwards its `/api` calls there.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.SIGNAAL_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs, so the build works under any sub-path of the case system.
  base: './',
  // The dev server and `vite preview` pass `/api` on to the receiver keeping the page's host, as
  // the case system's reverse proxy would, so the receiver sees same-origin calls. (Vite's
  // shorthand `'/api': url` rewrites the host, and the receiver then refuses the send.)
  server: { proxy: { '/api': { target: api } } },
  preview: { proxy: { '/api': { target: api } } },
});
