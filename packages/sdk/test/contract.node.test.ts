// The written contract matches the code: openapi.json is what the schemas generate, and
// docs/contract.md names every call, status and error code the code knows.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { openApiPath, renderOpenApi } from '../../../scripts/openapi.js';
import { remoteConfigSchema } from '../src/index.js';

const contract = await readFile(new URL('../../../docs/contract.md', import.meta.url), 'utf8');
const configuration = await readFile(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
const errorsSource = await readFile(new URL('../src/errors.ts', import.meta.url), 'utf8');

describe('the written contract', () => {
  it('docs/contract/openapi.json is what the schemas generate (run `npm run contract` when this fails)', async () => {
    expect(await readFile(openApiPath, 'utf8')).to.equal(renderOpenApi());
  });

  it('docs/contract.md names every path and every answer status of the OpenAPI description', () => {
    const api = JSON.parse(renderOpenApi()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const [path, operations] of Object.entries(api.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(contract, `${method} ${path}`).to.contain(`\`${method.toUpperCase()} ${path}\``);
        for (const status of Object.keys(operation.responses)) expect(contract, `${path} ${status}`).to.contain(`\`${status}\``);
      }
    }
  });

  it('docs/contract.md lists every problem code, field-error code and CORS header of the OpenAPI description', () => {
    const api = JSON.parse(renderOpenApi()) as {
      'x-signaal-cors': { allowHeaders: string[]; exposeHeaders: string[]; maxAge: number };
      components: {
        schemas: { Problem: { properties: { code: { enum: string[] }; errors: { items: { properties: { code: { enum: string[] } } } } } } };
      };
    };
    const { code, errors } = api.components.schemas.Problem.properties;
    expect(code.enum).to.include.members(['invalid-signal', 'unauthorized', 'storage-unavailable']);
    for (const problem of code.enum) expect(contract, problem).to.match(new RegExp(`^\\| \`${problem}\` \\| \\d{3} \\|`, 'm'));
    for (const field of errors.items.properties.code.enum) expect(contract, field).to.contain(`| \`${field}\` |`);
    const cors = api['x-signaal-cors'];
    expect(contract).to.contain(`| \`Access-Control-Allow-Headers\` | \`${cors.allowHeaders.join(', ')}\` |`);
    expect(contract).to.contain(`\`${cors.exposeHeaders.join(', ')}\``);
    expect(contract).to.contain(`| \`Access-Control-Max-Age\` | \`${cors.maxAge}\``);
  });

  it('docs/contract.md explains every error code the SDK can throw', () => {
    const union = /export type SignaalErrorCode =([^;]+);/.exec(errorsSource)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1]);
    expect(codes).to.have.length.greaterThan(5);
    for (const code of codes) expect(contract).to.contain(`| \`${code}\` |`);
  });

  it('docs/configuration.md documents every configuration field', () => {
    const fields = Object.keys(remoteConfigSchema.def.shape);
    expect(fields).to.include.members(['endpoint', 'mailbox', 'officer']);
    for (const field of fields) expect(configuration, field).to.contain(`| \`${field}\` |`);
  });
});
