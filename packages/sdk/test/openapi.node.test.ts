// The OpenAPI file as an integrator's tools read it: Redocly's recommended rules pass without a
// warning, every schema compiles under strict ajv (JSON Schema 2020-12), and the JSON Schema says
// what the SDK checks about a signal body, the rules it keeps in code included.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { buildOpenApi, contractSchemas, renderOpenApi } from '../../../scripts/openapi.js';
import { signalSchema } from '../src/schemas.js';
import { fieldErrorCodes, fieldIssues } from '../src/validate.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(contractSchemas());
  return ajv;
}
const ajv = strictAjv();
const validatorFor = (name: string) => {
  const validate = ajv.getSchema(`${contractSchemas().$id}#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate;
};

describe('the OpenAPI file', () => {
  it("passes Redocly's recommended rules with 0 errors and 0 warnings", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'signaal-openapi-'));
    try {
      const file = join(folder, 'openapi.json');
      await writeFile(file, renderOpenApi());
      const { stdout } = await promisify(execFile)(
        join(root, 'node_modules/.bin/redocly'),
        ['lint', file, '--format=json', '--config', join(root, 'redocly.yaml')],
        { cwd: root },
      );
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: Array<{ ruleId: string; message: string }>;
      };
      expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).to.deep.equal([]);
      expect(report.totals).to.include({ errors: 0, warnings: 0 });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('compiles every schema under strict ajv (2020-12, with formats)', () => {
    const names = Object.keys(buildOpenApi().components.schemas);
    expect(names).to.include.members([
      'Signal',
      'SignalReport',
      'SparringRequest',
      'Receipt',
      'Status',
      'RemoteConfig',
      'Stats',
      'Problem',
    ]);
    for (const name of names) expect(() => validatorFor(name), name).not.to.throw();
  });

  it('sends no default as if it were required: the minimal body is id, kind and description', () => {
    const { SignalReport, SparringRequest } = buildOpenApi().components.schemas as Record<string, { required?: string[] }>;
    expect(SignalReport?.required).to.deep.equal(['id', 'description', 'kind']);
    expect(SparringRequest?.required).to.deep.equal(['id', 'description', 'kind']);
    expect(JSON.stringify(SignalReport)).not.to.contain('"default"');
  });

  it('declares no security on POST /signals, /config and /stats, and the status token two ways on the status route', () => {
    const { paths } = buildOpenApi();
    expect(paths['/signals'].post.security).to.deep.equal([]);
    expect(paths['/config'].get.security).to.deep.equal([]);
    expect(paths['/stats'].get.security).to.deep.equal([]);
    expect(paths['/signals/{reference}/status'].get.security).to.deep.equal([{ statusToken: [] }, { statusTokenHeader: [] }]);
  });
});

const id = '8f0e7c1a-5b2d-4c3e-9a1f-0d2b3c4e5f60';
const report = { id, kind: 'signal', description: 'Vier mensen slapen in de kantine.' };
const sparring = { id, kind: 'sparring', description: 'Mag ik even sparren over een klant?' };

const good: Array<[string, unknown]> = [
  ['the minimal report', report],
  ['the minimal sparring request', sparring],
  [
    'a full report',
    {
      ...report,
      indicators: ['debt', 'long-hours'],
      setting: 'home-visit',
      place: 'Dorpsstraat',
      caseReference: 'Z-1',
      time: 'gisteren',
      sourceSystem: 'Suite',
      reporter: {
        name: 'Ans',
        department: 'Burgerzaken',
        phone: '0612345678',
        email: 'ans@voorbeeld.nl',
        callback: { how: 'phone', when: 'ochtend' },
      },
      confidentiality: 'confidential',
      locale: 'en',
      client: '@signaal/sdk@0.1.0',
    },
  ],
  ['an anonymous report without reporter', { ...report, confidentiality: 'anonymous' }],
  ['an anonymous report with only a callback', { ...report, confidentiality: 'anonymous', reporter: { callback: { how: 'chat' } } }],
  ['an anonymous report whose name is blank', { ...report, confidentiality: 'anonymous', reporter: { name: '  ' } }],
  ['a sparring request that says it is confidential', { ...sparring, confidentiality: 'confidential', reporter: { name: 'Ans' } }],
  ['a description with white space around it', { ...report, description: '\n  Iets gezien.  ' }],
  ['a description of 10,000 characters', { ...report, description: 'a'.repeat(10_000) }],
];

const bad: Array<[string, unknown]> = [
  ['no body', null],
  ['an array', [report]],
  ['a blank description', { ...report, description: ' \n\t ' }],
  ['no description', { id, kind: 'signal' }],
  ['a description of 10,001 characters', { ...report, description: 'a'.repeat(10_001) }],
  ['no kind', { id, description: 'x' }],
  ['another kind', { ...report, kind: 'complaint' }],
  ['no id', { kind: 'signal', description: 'x' }],
  ['an id that is no UUID', { ...report, id: 'signal-1' }],
  ['an unknown field', { ...report, bsn: '123456782' }],
  ['an unknown reporter field', { ...report, reporter: { address: 'Dorpsstraat 1' } }],
  ['an unknown indicator', { ...report, indicators: ['nope'] }],
  ['an unknown locale', { ...report, locale: 'de' }],
  ['a bad e-mail address', { ...report, reporter: { email: 'ans' } }],
  ['an anonymous report with a name', { ...report, confidentiality: 'anonymous', reporter: { name: 'Ans' } }],
  ['an anonymous report with a department', { ...report, confidentiality: 'anonymous', reporter: { department: 'Burgerzaken' } }],
  ['an anonymous report with a phone number', { ...report, confidentiality: 'anonymous', reporter: { phone: '0612345678' } }],
  ['an anonymous report with an e-mail address', { ...report, confidentiality: 'anonymous', reporter: { email: 'ans@voorbeeld.nl' } }],
  ['an anonymous sparring request', { ...sparring, confidentiality: 'anonymous' }],
  ['a sparring request with indicators', { ...sparring, indicators: ['debt'] }],
  ['a sparring request with a setting', { ...sparring, setting: 'counter' }],
  ['a sparring request with a place', { ...sparring, place: 'Dorpsstraat' }],
  ['a sparring request with a case reference', { ...sparring, caseReference: 'Z-1' }],
];

// Bodies built from parts that are each valid or invalid, to find disagreements the lists miss.
// Text stays short of its maximum: the SDK trims before it counts, JSON Schema cannot.
const bodies = fc.record(
  {
    id: fc.constantFrom(id, randomUUID(), 'nope', ''),
    kind: fc.constantFrom('signal', 'sparring', 'other', 1),
    description: fc.constantFrom('Iets gezien.', '', '  ', '\u00a0\n', ' x ', 7),
    confidentiality: fc.constantFrom('confidential', 'anonymous', 'secret'),
    locale: fc.constantFrom('nl', 'en', 'de'),
    reporter: fc.record(
      {
        name: fc.constantFrom('Ans', '', ' \t'),
        department: fc.constantFrom('Burgerzaken', ' '),
        phone: fc.constantFrom('06 1234', ''),
        email: fc.constantFrom('ans@voorbeeld.nl', 'ans@', ''),
        callback: fc.constantFrom({ how: 'phone' }, { how: 'fax' }, {}),
        extra: fc.constant(1),
      },
      { requiredKeys: [] },
    ),
    indicators: fc.constantFrom(['debt'], [], ['nope'], 'debt'),
    setting: fc.constantFrom('counter', 'garden'),
    place: fc.constantFrom('Dorpsstraat', ' '),
    caseReference: fc.constant('Z-1'),
    bsn: fc.constant('123456782'),
  },
  { requiredKeys: [] },
);

describe('the Signal schema and the SDK agree', () => {
  const validate = validatorFor('Signal');
  for (const [name, body] of good) {
    it(`both accept ${name}`, () => {
      expect(signalSchema.safeParse(body).success, 'SDK').to.equal(true);
      expect(validate(body), JSON.stringify(validate.errors)).to.equal(true);
    });
  }
  for (const [name, body] of bad) {
    it(`both refuse ${name}`, () => {
      expect(signalSchema.safeParse(body).success, 'SDK').to.equal(false);
      expect(validate(body), 'JSON Schema').to.equal(false);
    });
  }

  it('on generated bodies, valid and invalid', () => {
    fc.assert(
      fc.property(bodies, (body) => {
        expect(validate(body), JSON.stringify(body)).to.equal(signalSchema.safeParse(body).success);
      }),
      { seed: 13, numRuns: 2_000 },
    );
  });

  it('names every field error of a generated body with a code the OpenAPI file lists', () => {
    const listed = new Set(Object.keys(fieldErrorCodes));
    const seen = new Set<string>();
    fc.assert(
      fc.property(bodies, (body) => {
        const result = signalSchema.safeParse(body);
        for (const issue of result.success ? [] : fieldIssues(result.error.issues)) {
          seen.add(issue.code);
          expect(listed, `${issue.code} at ${issue.path}`).to.include(issue.code);
        }
      }),
      { seed: 13, numRuns: 2_000 },
    );
    expect(seen.size).to.be.greaterThan(5);
  });
});
