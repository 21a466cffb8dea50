/**
 * What every answer of the receiver passes through, in one place for the API and the inbox: no
 * caching, security headers, CORS where pages of other origins may call, a rate limit, forged
 * cross-site changes refused, bodies as JSON only, route schemas checked by the one zod
 * validator compiler, and errors as problem details.
 */
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { corsPolicy } from './cors.js';
import { ProblemError, handleError, sendProblem } from './problem.js';
import { zodValidator } from './zod-validator.js';

export interface BoundaryOptions {
  /** Helmet's Content-Security-Policy directives for this part. */
  contentSecurityPolicy: Record<string, string[]>;
  /** Origins (`https://intranet.gemeente.nl`) whose pages may call from the browser; the receiver's own always may. */
  allowedOrigins: ReadonlySet<string>;
  /** Answer CORS preflights for `allowedOrigins`. */
  cors: boolean;
  /** Requests per address per window; `false` turns limiting off. */
  rateLimit: { max: number; timeWindow: number } | false;
  /** Told about a refused cross-site change, e.g. for the audit log. */
  onCrossSite?: (request: FastifyRequest) => Promise<void>;
}

const changes = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/**
 * A change comes from this origin or an allowed one: a browser names the page's origin in
 * `Origin` and says in `Sec-Fetch-Site` whether it was cross-site.
 */
function crossSite(request: FastifyRequest, allowed: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  const here = `${request.protocol}://${request.host}`;
  const originAllowed = origin === undefined || origin === here || allowed.has(origin);
  const siteAllowed = site === undefined || site === 'same-origin' || site === 'none' || (origin !== undefined && allowed.has(origin));
  return !originAllowed || !siteAllowed;
}

/** Registers the boundary on the plugin that registers it (not only inside its own scope). */
export const boundary = fastifyPlugin<BoundaryOptions>(
  async (app, options) => {
    // Before CORS, so that preflight answers are not cached either.
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: { useDefaults: false, directives: options.contentSecurityPolicy },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
    if (options.cors) {
      await app.register(fastifyCors, {
        origin: options.allowedOrigins.size > 0 ? [...options.allowedOrigins] : false,
        methods: [...corsPolicy.methods],
        allowedHeaders: [...corsPolicy.allowedHeaders],
        exposedHeaders: [...corsPolicy.exposedHeaders],
        maxAge: corsPolicy.maxAge,
      });
    }
    if (options.rateLimit !== false) {
      await app.register(fastifyRateLimit, {
        max: options.rateLimit.max,
        timeWindow: options.rateLimit.timeWindow,
        errorResponseBuilder: (_request, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode }),
      });
    }
    app.addHook('onRequest', async (request) => {
      if (!changes(request.method)) return;
      if (crossSite(request, options.allowedOrigins)) {
        await options.onCrossSite?.(request);
        throw new ProblemError(403, 'cross-site-request');
      }
      // A same-origin form or `text/plain` post is refused before its body is read.
      const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      const hasBody =
        request.headers['content-length'] !== undefined
          ? request.headers['content-length'] !== '0'
          : request.headers['transfer-encoding'] !== undefined;
      if (hasBody && mediaType !== 'application/json') throw new ProblemError(415, 'unsupported-media-type');
    });
    // Every route's `body`, `querystring` and `params` are zod schemas; a refusal is a problem like any other.
    app.setValidatorCompiler(zodValidator);
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((_request, reply) => sendProblem(reply, 404, 'not-found'));
  },
  { name: 'signaal-boundary', fastify: '5.x' },
);
