/** The inbox's HTML shell and its small static parts: no content, only the element that fetches it. */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const langCookie = 'signaal_lang';

/** `?lang=` wins (and is remembered in a cookie), then that cookie, then Accept-Language; Dutch by default. */
export function pageLocale(request: FastifyRequest, reply: FastifyReply, path: string): 'nl' | 'en' {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
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
  const attributes = [`base="${escapeHtml(base)}"`, `view="${view}"`, ...(reference ? [`reference="${escapeHtml(reference)}"`] : [])].join(
    ' ',
  );
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

/** The pages the server writes itself around signing in through the identity provider: no script needed. */
const notices = {
  nl: {
    'no-access': {
      title: 'Geen toegang',
      text: [
        'Je hebt geen toegang tot Signaal. Je bent ingelogd bij je organisatie, maar je account heeft geen rol voor Signaal.',
        'Hoor je wel toegang te hebben? Vraag het aan de beheerder van Signaal bij je gemeente.',
      ],
      link: 'Uitloggen',
    },
    'sign-in-refused': {
      title: 'Inloggen is niet gelukt',
      text: ['Het antwoord van het inlogsysteem klopte niet, was al gebruikt of was verlopen. Je bent niet ingelogd.'],
      link: 'Opnieuw inloggen',
    },
    'sign-in-unavailable': {
      title: 'Inloggen lukt nu niet',
      text: ['Het inlogsysteem van je organisatie is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.'],
      link: 'Opnieuw proberen',
    },
    'signed-in': {
      title: 'Je bent ingelogd',
      text: ['Je gaat nu naar de inbox.'],
      link: 'Naar de inbox',
    },
  },
  en: {
    'no-access': {
      title: 'No access',
      text: [
        'You have no access to Signaal. You signed in with your organisation, but your account has no role for Signaal.',
        'If you should have access, ask whoever manages Signaal in your municipality.',
      ],
      link: 'Sign out',
    },
    'sign-in-refused': {
      title: 'Signing in did not work',
      text: ["The sign-in system's answer was not right, was used before or had expired. You are not signed in."],
      link: 'Sign in again',
    },
    'sign-in-unavailable': {
      title: 'Signing in does not work right now',
      text: ["Your organisation's sign-in system cannot be reached just now. Please try again in a few minutes."],
      link: 'Try again',
    },
    'signed-in': {
      title: 'You are signed in',
      text: ['Taking you to the inbox.'],
      link: 'Go to the inbox',
    },
  },
} as const;

/** A page the server writes itself, with no content and no script. */
export type NoticeKind = keyof (typeof notices)['nl'];

/**
 * A short page with a heading, a few sentences and one link: "no access", a refused sign-in, or
 * "signed in" (which moves on to `link` by itself). Under the inbox's CSP: no inline script or style.
 */
export function noticePage(base: string, lang: 'nl' | 'en', kind: NoticeKind, link: string): string {
  const notice = notices[lang][kind];
  // A refresh from this page is a same-site navigation, so the SameSite=Strict session cookie goes along.
  const refresh = kind === 'signed-in' ? `\n    <meta http-equiv="refresh" content="0; url=${escapeHtml(link)}">` : '';
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">${refresh}
    <title>${escapeHtml(notice.title)} · Signaal</title>
    <link rel="icon" href="${escapeHtml(base)}/assets/icon.svg">
    <link rel="stylesheet" href="${escapeHtml(base)}/assets/page.css">
  </head>
  <body>
    <main class="notice">
      <h1>${escapeHtml(notice.title)}</h1>
${notice.text.map((line) => `      <p>${escapeHtml(line)}</p>`).join('\n')}
      <p><a href="${escapeHtml(link)}">${escapeHtml(notice.link)}</a></p>
    </main>
  </body>
</html>
`;
}

export const pageCss = `html { color-scheme: light dark; }
body { margin: 0; background: Canvas; color: CanvasText; }
.notice { box-sizing: border-box; max-inline-size: 40em; margin-inline: auto; padding: 1.5em; font: 1.125em/1.5 system-ui, sans-serif; }
.notice h1 { font-size: 1.75em; line-height: 1.2; }
.notice a { color: LinkText; font-weight: 600; }
`;

export const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#154273"/></svg>';
