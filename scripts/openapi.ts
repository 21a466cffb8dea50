// Generates docs/contract/openapi.json (OpenAPI 3.1) from the SDK's schemas, the receiver's problem
// codes and CORS policy, so the written contract cannot drift from the code. `npm run contract`
// writes it; a test fails when it is stale, and another lints it (Redocly) and compiles every
// schema under strict ajv.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { problemSchema, receiptSchema, remoteConfigSchema, statsSchema, statusSchema, VERSION } from '../packages/sdk/src/index.js';
import { signalReportSchema, sparringRequestSchema } from '../packages/sdk/src/schemas.js';
import { fieldErrorCodes } from '../packages/sdk/src/validate.js';
import { corsPolicy } from '../packages/receiver/src/cors.js';
import { problemTitles, type ProblemCode } from '../packages/receiver/src/problem-codes.js';

export const openApiPath = fileURLToPath(new URL('../docs/contract/openapi.json', import.meta.url));

type JsonSchema = Record<string, unknown>;

/** A string zod trims (`z.trim()`): its overwrite turns ' x ' into 'x'. */
const isTrimmed = (zodSchema: z.core.$ZodType) =>
  (zodSchema._zod.def.checks ?? []).some((check) => {
    const def = check._zod.def as { check: string; tx?: (value: string) => string };
    return def.check === 'overwrite' && def.tx?.(' x ') === 'x';
  });

function fromZod(value: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(value, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override({ zodSchema, jsonSchema }) {
      // zod trims before it counts, so blank text fails `minLength: 1` only after trimming; JSON
      // Schema does not trim, so it says the same as "holds something other than white space".
      if (jsonSchema.type === 'string' && (jsonSchema.minLength ?? 0) >= 1 && isTrimmed(zodSchema)) jsonSchema.pattern = '\\S';
      // zod's bounds for a safe integer say nothing a reader needs.
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    },
  });
  return rest;
}

/**
 * A request schema: what a client may send. A `default` says what the backend assumes when the
 * field is absent; generators read it as "always present" (openapi-typescript makes the field
 * required), so it moves into the description.
 */
function requestSchema(value: z.core.$ZodType): JsonSchema {
  const schema = fromZod(value, 'input');
  for (const property of Object.values((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    if (!('default' in property)) continue;
    property.description = `Absent means \`${String(property.default)}\`.`;
    delete property.default;
  }
  return schema;
}

/**
 * A response schema as a client must read it: Java and .NET serialisers write `null` for an
 * absent optional field, and the SDK reads that `null` as absent (docs/contract.md, "Null for
 * absent fields"). Not for `/stats`, where `null` is a hidden count.
 */
function allowNullForAbsent(schema: JsonSchema): JsonSchema {
  const orNull = (property: JsonSchema): JsonSchema => ({ anyOf: [allowNullForAbsent(property), { type: 'null' }] });
  const required = new Set((schema.required ?? []) as string[]);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  return {
    ...schema,
    ...(properties
      ? {
          properties: Object.fromEntries(
            Object.entries(properties).map(([name, property]) => [
              name,
              required.has(name) ? allowNullForAbsent(property) : orNull(property),
            ]),
          ),
        }
      : {}),
    ...(typeof schema.additionalProperties === 'object' && Object.keys(schema.additionalProperties!).length > 0
      ? { additionalProperties: orNull(schema.additionalProperties as JsonSchema) }
      : {}),
    ...(schema.items ? { items: allowNullForAbsent(schema.items as JsonSchema) } : {}),
  };
}

// The contract's rules that the SDK checks in code (`superRefine` in packages/sdk/src/schemas.ts,
// which JSON Schema output drops), said in JSON Schema. All of them here, in one place;
// packages/sdk/test/openapi.node.test.ts checks that the SDK and these agree on good and bad bodies.
const blank = { type: 'string', pattern: '^\\s*$' };
const contractRules = {
  /** A sparring request is never anonymous: the officer has to reach the employee. */
  sparringConfidentiality: {
    type: 'string',
    enum: ['confidential'],
    description: 'Absent means `confidential`. Never `anonymous`: the officer has to reach the employee for the conversation.',
  },
  /** An anonymous signal carries no reporter details: no name, department, phone or e-mail. */
  anonymousWithoutReporter: {
    if: { properties: { confidentiality: { const: 'anonymous' } }, required: ['confidentiality'] },
    then: {
      properties: {
        reporter: {
          type: 'object',
          description: 'An anonymous signal carries no name, department, phone or e-mail (blank text counts as none).',
          properties: { name: blank, department: blank, phone: blank, email: false },
        },
      },
    },
  },
};

function signalSchemas() {
  const report = requestSchema(signalReportSchema);
  const sparring = requestSchema(sparringRequestSchema);
  (sparring.properties as Record<string, JsonSchema>).confidentiality = contractRules.sparringConfidentiality;
  return {
    Signal: {
      type: 'object',
      description:
        'What `POST /signals` takes: a report of a signal (`kind: signal`) or a request for a sparring conversation (`kind: sparring`). Unknown fields are refused. An anonymous signal carries no reporter details.',
      oneOf: [{ $ref: '#/components/schemas/SignalReport' }, { $ref: '#/components/schemas/SparringRequest' }],
      ...contractRules.anonymousWithoutReporter,
    },
    SignalReport: { ...report, description: 'A report of a possible signal of human trafficking or labour exploitation.' },
    SparringRequest: {
      ...sparring,
      description:
        'A request for a sparring conversation with the officer. It carries no data about citizens (no indicators, setting, place or case reference) and is never anonymous.',
    },
  };
}

// Which problem each route can answer, with which status: read from packages/receiver/src/server.ts
// and problem.ts, and checked against them in packages/receiver/test/openapi.node.test.ts.
interface ProblemAnswer {
  code?: ProblemCode;
  when: string;
  retryAfter?: true;
}
const anyRoute = {
  400: [{ code: 'bad-request', when: 'the URL does not decode, or the request is not HTTP' }],
  408: [{ code: 'request-timeout', when: 'the request did not arrive in time' }],
  429: [{ code: 'rate-limited', when: 'too many requests from this client', retryAfter: true }],
  431: [{ code: 'headers-too-large', when: 'the request headers are too large' }],
  500: [{ code: 'internal', when: 'anything else; the log has an error code, never the text' }],
} satisfies Record<number, ProblemAnswer[]>;
const storageUnavailable: ProblemAnswer = {
  code: 'storage-unavailable',
  when: 'the database cannot be reached just now; try again after `Retry-After`',
  retryAfter: true,
};
const shuttingDown: ProblemAnswer = { when: 'the receiver is shutting down; another instance or a retry answers' };

export const routeProblems: Record<string, Record<number, ProblemAnswer[]>> = {
  'POST /signals': {
    400: [
      { code: 'idempotency-key-missing', when: 'no `Idempotency-Key` header' },
      { code: 'idempotency-key-invalid', when: 'a malformed key (more than one, or not 1 to 255 visible ASCII characters)' },
      { code: 'idempotency-key-mismatch', when: "the key is not the signal's `id`" },
      { code: 'invalid-signal', when: 'the body does not match `Signal`; `errors` names each field' },
      { code: 'invalid-json', when: 'the body is not JSON (or has a `__proto__` key)' },
      ...anyRoute[400],
    ],
    403: [{ code: 'cross-site-request', when: '`Origin` or `Sec-Fetch-Site` shows a page on a site that is not allowed' }],
    408: anyRoute[408],
    409: [
      {
        code: 'request-in-flight',
        when: 'the first request with this key is still being handled; try again after `Retry-After`',
        retryAfter: true,
      },
    ],
    413: [{ code: 'body-too-large', when: 'the body is larger than the receiver takes (64 KiB by default)' }],
    415: [{ code: 'unsupported-media-type', when: 'the body is not `application/json` (this also refuses cross-site HTML form posts)' }],
    422: [{ code: 'idempotency-key-reused', when: "the key came before with another body, or its signal's content was removed since" }],
    429: anyRoute[429],
    431: anyRoute[431],
    500: anyRoute[500],
    503: [storageUnavailable, shuttingDown],
  },
  'GET /signals/{reference}/status': {
    400: anyRoute[400],
    401: [{ code: 'unauthorized', when: 'no status token (neither `Authorization: Bearer` nor `Signaal-Status-Token`)' }],
    404: [
      { code: 'not-found', when: 'no signal with this reference and token: an unknown reference and a wrong token get the same answer' },
    ],
    408: anyRoute[408],
    414: [{ code: 'uri-too-long', when: 'the reference is longer than the receiver reads' }],
    429: [{ code: 'rate-limited', when: 'too many requests from this client, repeated wrong guesses included', retryAfter: true }],
    431: anyRoute[431],
    500: anyRoute[500],
    503: [storageUnavailable, shuttingDown],
  },
  'GET /config': {
    ...anyRoute,
    503: [shuttingDown],
  },
  'GET /stats': {
    ...anyRoute,
    400: [
      {
        code: 'invalid-query',
        when: '`from` or `to` is not a whole UTC day (`2026-03-01`), `from` is not before `to`, or another parameter is given',
      },
      ...anyRoute[400],
    ],
    503: [storageUnavailable, shuttingDown],
  },
};

/** Each problem code the contract's routes answer, with its statuses. */
const contractProblemCodes = new Map<ProblemCode, Set<number>>();
for (const statuses of Object.values(routeProblems)) {
  for (const [status, answers] of Object.entries(statuses)) {
    for (const { code } of answers)
      if (code) contractProblemCodes.set(code, (contractProblemCodes.get(code) ?? new Set()).add(Number(status)));
  }
}

function problemComponent(): JsonSchema {
  const codes = [...contractProblemCodes].sort(([, a], [, b]) => Math.min(...a) - Math.min(...b));
  const problem = fromZod(problemSchema, 'input');
  const properties = problem.properties as Record<string, JsonSchema>;
  properties.type = { ...properties.type, description: 'A URI per code, `urn:signaal:problem:<code>`. Absent means `about:blank`.' };
  delete properties.type.default;
  properties.title = {
    ...properties.title,
    description: 'A fixed text per code, in English. Never shown to an employee; it never echoes input.',
  };
  properties.code = {
    type: 'string',
    enum: codes.map(([code]) => code),
    description: `Signaal's stable code, which clients map to their own words:\n\n${codes
      .map(([code, statuses]) => `- \`${code}\` (${[...statuses].join(', ')}): ${problemTitles[code]}`)
      .join('\n')}`,
  };
  const errors = properties.errors as { items: { properties: Record<string, JsonSchema> } };
  errors.items.properties.path = {
    type: 'string',
    description: 'The field, as a dotted path (`reporter.email`, `indicators.0`); empty for the body itself.',
  };
  errors.items.properties.code = {
    type: 'string',
    enum: Object.keys(fieldErrorCodes),
    description: `What is wrong with the field:\n\n${Object.entries(fieldErrorCodes)
      .map(([code, meaning]) => `- \`${code}\`: ${meaning}`)
      .join('\n')}`,
  };
  return {
    ...problem,
    description: "RFC 9457 problem details, with Signaal's stable `code`; `errors` on `invalid-signal`. Other members may be added.",
  };
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

function problemResponses(route: string) {
  return Object.fromEntries(
    Object.entries(routeProblems[route]!).map(([status, answers]) => [
      status,
      {
        description: answers
          .map(({ code, when }) => (code ? `\`${code}\`: ${when}.` : `${when[0]!.toUpperCase()}${when.slice(1)}.`))
          .join(' '),
        ...(answers.some((answer) => answer.retryAfter) ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
        ...(status === '401' ? { headers: { 'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticate' } } } : {}),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
}

const corsHeaderNames: Record<string, string> = {
  'content-type': 'Content-Type',
  'idempotency-key': 'Idempotency-Key',
  authorization: 'Authorization',
  'signaal-status-token': 'Signaal-Status-Token',
  'retry-after': 'Retry-After',
};
const headerName = (name: string) => corsHeaderNames[name] ?? name;

const description = `Generated from packages/sdk/src/schemas.ts by scripts/openapi.ts. See docs/contract.md for the semantics.

## CORS

A widget on the municipality's intranet calls the backend from another origin. Answer the
preflight (\`OPTIONS\`) for the allowed origins only, with:

- \`Access-Control-Allow-Methods: ${corsPolicy.methods.join(', ')}\`
- \`Access-Control-Allow-Headers: ${corsPolicy.allowedHeaders.map(headerName).join(', ')}\`
- \`Access-Control-Max-Age: ${corsPolicy.maxAge}\`

and on every answer to an allowed origin \`Access-Control-Expose-Headers: ${corsPolicy.exposedHeaders.map(headerName).join(', ')}\`,
so that the client can honour it on \`409\`, \`429\` and \`503\`.

## Idempotency

Every \`POST /signals\` carries \`Idempotency-Key\`: the signal's \`id\`, bare or as a structured-field
string (\`"…"\`). The backend keeps each key as long as the signal it belongs to.

- The same key with the same body answers \`200\` with the stored receipt and a working status
  token. The same body means the same JSON value after validation: key order, white space
  around text and a default written out or left absent do not matter.
- The same key with another body answers \`422\` (\`idempotency-key-reused\`); so does a repeat
  after retention or erasure removed the signal's content, since the body can no longer be compared.
- While the first request with the key is still being handled: \`409\` with \`Retry-After\`.
- \`201\` only once the signal is stored durably.`;

export function buildOpenApi() {
  const security = { security: [] as never[] };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signaal backend contract',
      version: VERSION,
      summary: 'What a backend implements to receive signals from the Signaal widget and SDK.',
      description,
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    'x-signaal-cors': {
      allowMethods: corsPolicy.methods,
      allowHeaders: corsPolicy.allowedHeaders.map(headerName),
      exposeHeaders: corsPolicy.exposedHeaders.map(headerName),
      maxAge: corsPolicy.maxAge,
    },
    servers: [{ url: '{endpoint}', variables: { endpoint: { default: 'https://signalen.gemeente.example/api' } } }],
    paths: {
      '/signals': {
        post: {
          operationId: 'submitSignal',
          summary: 'Deliver a signal or sparring request',
          ...security,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description:
                'The signal\'s `id`, bare or as a structured-field string (`"…"`). A repeated key with the same body returns the stored receipt; see Idempotency above.',
              schema: {
                type: 'string',
                pattern:
                  '^(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")$',
              },
            },
          ],
          requestBody: { required: true, content: json('Signal') },
          responses: {
            '201': { description: 'Stored durably; the receipt.', content: json('Receipt') },
            '200': {
              description: 'A repeat of a stored signal (same key, same body): the same receipt, with a working status token.',
              content: json('Receipt'),
            },
            ...problemResponses('POST /signals'),
          },
        },
      },
      '/signals/{reference}/status': {
        get: {
          operationId: 'getStatus',
          summary: "The reporter's view of one signal",
          description:
            'The status token from the receipt, as `Authorization: Bearer <token>` (the scheme in any case) or as `Signaal-Status-Token: <token>`. Never in the URL.',
          security: [{ statusToken: [] }, { statusTokenHeader: [] }],
          parameters: [
            {
              name: 'reference',
              in: 'path',
              required: true,
              description: "The receipt's `reference`.",
              schema: { type: 'string', minLength: 1, maxLength: 64 },
            },
          ],
          responses: {
            '200': { description: "The state, when it changed, and the officer's message.", content: json('Status') },
            ...problemResponses('GET /signals/{reference}/status'),
          },
        },
      },
      '/config': {
        get: {
          operationId: 'getConfig',
          summary: 'The widget configuration the municipality keeps on the server',
          ...security,
          responses: {
            '200': { description: 'The configuration.', content: json('RemoteConfig') },
            ...problemResponses('GET /config'),
          },
        },
      },
      '/stats': {
        get: {
          operationId: 'getStats',
          summary: 'Aggregate counts, no content (optional)',
          description:
            'Whole UTC days only, so that repeated asks cannot narrow down when one signal arrived. Counts from 1 to `suppressedBelow - 1` are `null`.',
          ...security,
          parameters: [
            {
              name: 'from',
              in: 'query',
              required: false,
              description: 'The first day counted. Default: 1 January of this year.',
              schema: { type: 'string', format: 'date' },
            },
            {
              name: 'to',
              in: 'query',
              required: false,
              description: 'The first day not counted. Default: tomorrow (today included).',
              schema: { type: 'string', format: 'date' },
            },
          ],
          responses: {
            '200': { description: 'Counts per kind and state for a period.', content: json('Stats') },
            ...problemResponses('GET /stats'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        statusToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The status token from the receipt, as `Authorization: Bearer <token>`. Never put it in a URL.',
        },
        statusTokenHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'Signaal-Status-Token',
          description: "The same token in a header of its own, for gateways that use `Authorization` for the user's own token.",
        },
      },
      headers: {
        RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'string', pattern: '^[0-9]+$' } },
        WWWAuthenticate: { description: 'The scheme the status token takes: `Bearer`.', schema: { type: 'string' } },
      },
      schemas: {
        ...signalSchemas(),
        Receipt: allowNullForAbsent(fromZod(receiptSchema, 'output')),
        Status: allowNullForAbsent(fromZod(statusSchema, 'output')),
        RemoteConfig: allowNullForAbsent(fromZod(remoteConfigSchema, 'input')),
        Stats: statsComponent(),
        Problem: problemComponent(),
      },
    },
  };
}

/** A record keyed by an enum becomes explicit properties: strict validators want every required key defined. */
function statsComponent(): JsonSchema {
  const stats = fromZod(statsSchema, 'output');
  const properties = stats.properties as Record<string, JsonSchema>;
  for (const group of ['byKind', 'byState']) {
    const { propertyNames: _keys, additionalProperties: count, required, ...rest } = properties[group]!;
    properties[group] = {
      ...rest,
      properties: Object.fromEntries((required as string[]).map((key) => [key, count])),
      required,
      additionalProperties: false,
    };
  }
  return {
    ...stats,
    description: 'Aggregate counts, no content. `null` is a hidden small count (from 1 to `suppressedBelow - 1`), never an absent field.',
  };
}

/**
 * The component schemas as one JSON Schema document (`$defs`), for validators that read JSON
 * Schema rather than OpenAPI: `ajv.addSchema(contractSchemas())`, then
 * `ajv.getSchema('urn:signaal:contract#/$defs/Signal')`.
 */
export function contractSchemas() {
  const { schemas } = buildOpenApi().components;
  return {
    $id: 'urn:signaal:contract',
    $defs: JSON.parse(JSON.stringify(schemas).replaceAll('"#/components/schemas/', '"#/$defs/')) as typeof schemas,
  };
}

export const renderOpenApi = () => `${JSON.stringify(buildOpenApi(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(openApiPath, renderOpenApi());
  console.log(`wrote ${openApiPath}`);
}
