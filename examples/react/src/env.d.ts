/** Set at build time to send signals elsewhere than the case system's own `/api`. */
interface ImportMetaEnv {
  readonly VITE_SIGNAAL_ENDPOINT?: string;
}
