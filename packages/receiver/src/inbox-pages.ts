/** The inbox's HTML shell and its small static parts: no content, only the element that fetches it. */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const langCookie = 'signaal_lang';

/** `?lang=` wins (and is remembered in a cookie), then that cookie, then Accept-Language; Dutch by default. */
export function pageLocale(request: FastifyRequest, reply: FastifyReply, path: string): 'nl' | 'en' {
  const asked = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (asked === 'nl' || asked === 'en') {
    reply.setCookie(langCookie, asked, { path, secure: true, sameSite: 'strict', httpOnly: true, maxAge: 31_536_000 });
    return asked;
  }
  const remembered = request.cookies[langCookie];
  if (remembered === 'nl' || remembered === 'en') return remembered;
  for (const part of (request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'nl';
}

const pageTitles = {
  nl: { 'sign-in': 'Inloggen', list: 'Signalen', detail: 'Signaal', figures: 'Cijfers', 'no-access': 'Geen toegang' },
  en: { 'sign-in': 'Sign in', list: 'Signals', detail: 'Signal', figures: 'Figures', 'no-access': 'No access' },
} as const;

/** The views the inbox page can show. */
export type InboxView = keyof (typeof pageTitles)['nl'];

/** The page shell: no content, only the element that fetches it with the session. */
export function page(base: string, lang: 'nl' | 'en', view: InboxView, reference?: string): string {
  const attributes = [`base="${escapeHtml(base)}"`, `view="${view}"`, ...(reference ? [`reference="${escapeHtml(reference)}"`] : [])].join(' ');
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>${pageTitles[lang][view]} · Signaal</title>
    <link rel="icon" href="${escapeHtml(base)}/assets/icon.svg">
    <link rel="stylesheet" href="${escapeHtml(base)}/assets/page.css">
    <script type="module" src="${escapeHtml(base)}/assets/inbox.js"></script>
  </head>
  <body>
    <signaal-inbox ${attributes}></signaal-inbox>
    <noscript>Signaal needs JavaScript. / Signaal heeft JavaScript nodig.</noscript>
  </body>
</html>
`;
}

export const pageCss = `html { color-scheme: light dark; }
body { margin: 0; background: Canvas; color: CanvasText; }
`;

export const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#154273"/></svg>';

