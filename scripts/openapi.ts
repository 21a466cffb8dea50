// Generates docs/contract/openapi.json (OpenAPI 3.1) from the SDK's schemas, so the written
// contract cannot drift from the code. `npm run contract` writes it; a test fails when it is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import {
  problemSchema,
  receiptSchema,
  remoteConfigSchema,
  signalSchema,
  statsSchema,
  statusSchema,
  VERSION,
} from '../packages/sdk/src/index.js';

export const openApiPath = fileURLToPath(new URL('../docs/contract/openapi.json', import.meta.url));

const schema = (value: z.core.$ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(value, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
};

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signaal backend contract',
      version: VERSION,
      summary: 'What a backend implements to receive signals from the Signaal widget and SDK.',
      description: 'Generated from packages/sdk/src/schemas.ts by scripts/openapi.ts. See docs/contract.md for the semantics.',
    },
    servers: [{ url: '{endpoint}', variables: { endpoint: { default: 'https://signalen.gemeente.example/api' } } }],
    paths: {
      '/signals': {
        post: {
          operationId: 'submitSignal',
          summary: 'Deliver a signal or sparring request',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: "The signal's id (a UUID). A repeated key with the same body returns the stored receipt.",
              schema: { type: 'string', format: 'uuid' },
            },
          ],
          requestBody: { required: true, content: json('Signal') },
          responses: {
            '201': { description: 'Stored durably; the receipt.', content: json('Receipt') },
            '200': { description: 'A repeat of a stored signal (same key, same body): the same receipt.', content: json('Receipt') },
            '400': problem('Missing Idempotency-Key, or a body that does not match the schema (`errors` lists field paths).'),
            '409': problem('The first request with this key is still being handled; retry after `Retry-After`.'),
            '413': problem('The body is too large.'),
            '415': problem('The body is not application/json.'),
            '422': problem('This key was used before with another body.'),
            '429': problem('Too many requests; retry after `Retry-After`.'),
          },
        },
      },
      '/signals/{reference}/status': {
        get: {
          operationId: 'getStatus',
          summary: "The reporter's view of one signal",
          security: [{ statusToken: [] }],
          parameters: [{ name: 'reference', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The state, when it changed, and the officer\'s message.', content: json('Status') },
            '404': problem('No signal with this reference and token (the same answer for both).'),
            '429': problem('Too many requests; retry after `Retry-After`.'),
          },
        },
      },
      '/config': {
        get: {
          operationId: 'getConfig',
          summary: 'The widget configuration the municipality keeps on the server',
          responses: { '200': { description: 'The configuration.', content: json('RemoteConfig') } },
        },
      },
      '/stats': {
        get: {
          operationId: 'getStats',
          summary: 'Aggregate counts, no content (optional)',
          responses: { '200': { description: 'Counts per kind and state for a period.', content: json('Stats') } },
        },
      },
    },
    components: {
      securitySchemes: {
        statusToken: { type: 'http', scheme: 'bearer', description: 'The status token from the receipt. Never put it in a URL.' },
      },
      schemas: {
        Signal: schema(signalSchema, 'input'),
        Receipt: schema(receiptSchema, 'output'),
        Status: schema(statusSchema, 'output'),
        RemoteConfig: schema(remoteConfigSchema, 'input'),
        Stats: schema(statsSchema, 'output'),
        Problem: schema(problemSchema, 'output'),
      },
    },
  };
}

export const renderOpenApi = () => `${JSON.stringify(buildOpenApi(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(openApiPath, renderOpenApi());
  console.log(`wrote ${openApiPath}`);
}
