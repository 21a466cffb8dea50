// The machine's own headless Chromium, as every browser test and the bench launch it: nothing is
// downloaded. CHROMIUM_PATH points elsewhere where Debian's package is not at /usr/bin/chromium.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags that run Chromium headless here as root, without its background traffic. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
