// Property tests over the contract's schemas: generated valid drafts pass, generated invalid
// ones fail at the right field path, and sparring requests never carry citizen data.
import { expect } from 'chai';
import fc from 'fast-check';
import { describe, it } from 'node:test';
import { indicatorIds, InvalidInputError, parseConfig, parseSignal, ConfigError, signalSchema, type FieldIssue } from '../src/index.js';

const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((value) => value.trim().length > 0);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const reporter = fc.record(
  {
    name: nonBlank(200),
    department: nonBlank(200),
    phone: fc.stringMatching(/^0[0-9 -]{9,14}$/),
    email: fc.constantFrom('m.jansen@gemeente.example', 'balie@gemeente.example'),
    callback: fc.record({ how: fc.constantFrom('phone', 'email', 'in-person', 'chat'), when: nonBlank(200) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const common = {
  id: fc.uuid({ version: 4 }),
  description: nonBlank(10_000),
  time: optional(nonBlank(200)),
  sourceSystem: optional(nonBlank(100)),
  locale: optional(fc.constantFrom('nl', 'en')),
};

const signalReport = fc.record({
  ...common,
  kind: fc.constant('signal'),
  indicators: optional(fc.subarray([...indicatorIds])),
  setting: optional(fc.constantFrom('counter', 'home-visit', 'inspection', 'phone', 'other')),
  place: optional(nonBlank(200)),
  caseReference: optional(nonBlank(100)),
  reporter: optional(reporter),
  confidentiality: fc.constant('confidential'),
});

const sparring = fc.record({ ...common, kind: fc.constant('sparring'), reporter: optional(reporter) });

const withoutUndefined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));

function issuesOf(input: unknown): FieldIssue[] {
  try {
    parseSignal(input);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidInputError);
    return [...(error as InvalidInputError).issues];
  }
  throw new Error('expected the input to be refused');
}

describe('signalSchema (properties)', () => {
  it('accepts every generated valid report and sparring request', () => {
    fc.assert(
      fc.property(fc.oneof(signalReport, sparring), (draft) => {
        const parsed = signalSchema.safeParse(withoutUndefined(draft));
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);
        expect(parsed.data?.description).to.equal(draft.description.trim());
        expect(parsed.data?.confidentiality).to.equal('confidential');
      }),
    );
  });

  const breakages: Array<[string, fc.Arbitrary<[string, unknown]>]> = [
    ['description', fc.constantFrom('', '   ', '\n\t').map((value) => ['description', value])],
    ['description', fc.integer({ min: 10_001, max: 12_000 }).map((length) => ['description', 'x'.repeat(length)])],
    ['id', fc.string({ maxLength: 30 }).map((value) => ['id', value])],
    [
      'setting',
      fc
        .string({ minLength: 1 })
        .filter((value) => !['counter', 'home-visit', 'inspection', 'phone', 'other'].includes(value))
        .map((value) => ['setting', value]),
    ],
    [
      'reporter.email',
      fc
        .string({ maxLength: 20 })
        .filter((value) => !value.includes('@'))
        .map((value) => ['reporter', { email: value }]),
    ],
    ['locale', fc.constantFrom('de', 'fr', 'NL').map((value) => ['locale', value])],
  ];

  for (const [path, breakage] of breakages) {
    it(`refuses a report with a broken ${path}, naming that path`, () => {
      fc.assert(
        fc.property(signalReport, breakage, (draft, [field, value]) => {
          const issues = issuesOf({ ...withoutUndefined(draft), [field]: value });
          expect(issues.map((issue) => issue.path)).to.include(path);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('refuses unknown indicator ids at their index', () => {
    fc.assert(
      fc.property(
        signalReport,
        fc.string({ minLength: 1 }).filter((id) => !indicatorIds.includes(id)),
        (draft, unknown) => {
          const issues = issuesOf({ ...withoutUndefined(draft), indicators: ['fearful', unknown] });
          expect(issues.map((issue) => issue.path)).to.include('indicators.1');
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses every sparring request that carries indicators, a place or a case reference', () => {
    const citizenFields = fc
      .record({ indicators: fc.constant(['fearful']), place: nonBlank(50), caseReference: nonBlank(20) }, { requiredKeys: [] })
      .filter((fields) => Object.keys(fields).length > 0);
    fc.assert(
      fc.property(sparring, citizenFields, (draft, fields) => {
        const issues = issuesOf({ ...withoutUndefined(draft), ...fields });
        for (const field of Object.keys(fields)) expect(issues).to.deep.include({ path: field, code: 'not-allowed' });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses an anonymous signal that names its reporter, and anonymous sparring', () => {
    expect(
      issuesOf({ id: crypto.randomUUID(), kind: 'signal', description: 'x', confidentiality: 'anonymous', reporter: { name: 'Mila' } }),
    ).to.deep.include({ path: 'reporter', code: 'anonymous-with-reporter' });
    expect(issuesOf({ id: crypto.randomUUID(), kind: 'sparring', description: 'x', confidentiality: 'anonymous' })).to.deep.include({
      path: 'confidentiality',
      code: 'anonymous-sparring',
    });
    expect(
      parseSignal({ id: crypto.randomUUID(), kind: 'signal', description: 'x', confidentiality: 'anonymous' }).confidentiality,
    ).to.equal('anonymous');
  });
});

describe('widgetConfigSchema', () => {
  it('accepts an endpoint, a mailbox, or both', () => {
    expect(parseConfig({ endpoint: 'https://signalen.gemeente.example/api' }).endpoint).to.equal('https://signalen.gemeente.example/api');
    expect(parseConfig({ mailbox: 'signalen@gemeente.example' }).mailbox).to.equal('signalen@gemeente.example');
  });

  it('accepts a photo and links on localhost and on an intranet host name', () => {
    const config = parseConfig({
      mailbox: 'a@b.nl',
      officer: { name: 'Sanne', photo: 'http://localhost:8080/demo/officer.svg' },
      resources: [{ kind: 'intranet', title: 'Intranet', url: 'http://intranet/mensenhandel' }],
    });
    expect(config.officer?.photo).to.equal('http://localhost:8080/demo/officer.svg');
    expect(config.resources?.[0]?.url).to.equal('http://intranet/mensenhandel');
  });

  for (const [name, config, path] of [
    ['neither endpoint nor mailbox', {}, 'endpoint'],
    ['an http endpoint off loopback', { endpoint: 'http://signalen.gemeente.example' }, 'endpoint'],
    ['a javascript: photo', { mailbox: 'a@b.nl', officer: { name: 'Sanne', photo: 'javascript:alert(1)' } }, 'officer.photo'],
    ['an ftp: photo', { mailbox: 'a@b.nl', officer: { name: 'Sanne', photo: 'ftp://intranet/sanne.jpg' } }, 'officer.photo'],
    [
      'a data: resource link',
      { mailbox: 'a@b.nl', resources: [{ kind: 'news', title: 'Nieuws', url: 'data:text/html,hi' }] },
      'resources.0.url',
    ],
    ['an unknown key', { mailbox: 'a@b.nl', colour: 'red' }, 'colour'],
  ] as const) {
    it(`refuses ${name}, naming ${path}`, () => {
      let caught: unknown;
      try {
        parseConfig(config);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConfigError);
      expect((caught as ConfigError).issues.map((issue) => issue.path)).to.include(path);
    });
  }
});
