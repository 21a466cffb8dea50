// The widget's texts as the employee sees them: one mechanism for every text, overrides with
// known keys only, and counts in the right plural form for their number, in Dutch and English.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Stats, TransportRequest } from '@signaal/sdk';
import type { SignaalErrorEvent } from '../src/events.js';
import type { FormMessages } from '../src/messages/nl.js';
import { nl } from '../src/messages/nl.js';
import type { SignaalButton } from '../src/signaal-button.js';
import type { SignaalForm } from '../src/signaal-form.js';
import { textsFor, type MessageOverrides } from '../src/texts.js';
import { fill, open, part, ready, submit, text, trigger } from './helpers.js';

const mailbox = 'signalen@gemeente.example';

// Type tests (checked by `tsc -p packages/widget/test/tsconfig.json`, never run).
export const typeTests = () => {
  const known: MessageOverrides = { nl: { title: 'Zorg delen', 'errorSummary#one': 'Eén ding' }, en: { trigger: 'Share a concern' } };
  // @ts-expect-error an override names only the widget's own texts: 'titel' is not one
  const typo: MessageOverrides = { nl: { titel: 'Zorg delen' } };
  // @ts-expect-error a text is a string
  const notText: MessageOverrides = { en: { title: 42 } };
  // @ts-expect-error the widget ships Dutch and English only
  const german: MessageOverrides = { de: { title: 'Signal melden' } };
  // @ts-expect-error a catalogue has exactly the Dutch keys: no more (en.ts is typed so)
  const extra: FormMessages = { ...nl, extra: 'Niet in het Nederlands' };
  const { t } = textsFor('nl');
  // @ts-expect-error a counting text needs its count
  t('errorSummary');
  // @ts-expect-error a plural form is chosen by the count, not named
  t('errorSummary#one');
  return [known, typo, notText, german, extra];
};

/** Catches console.error until `restore()`; answers each call's arguments joined as text. */
function watchErrors() {
  const original = console.error;
  const lines: string[] = [];
  console.error = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  return { lines, restore: () => (console.error = original) };
}

/** A backend through the SDK's `transport` that answers `/stats` with `count` signals, `count` of them passed on. */
const statsBackend =
  (count: number | null) =>
  (request: TransportRequest): Promise<Stats> => {
    if (request.operation !== 'stats') return Promise.reject(new Error(`not in this test: ${request.operation}`));
    return Promise.resolve({
      period: { from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' },
      suppressedBelow: count === null ? 5 : null,
      total: count,
      byKind: { signal: count, sparring: 0 },
      byState: { received: 0, 'in-progress': 0, forwarded: count, closed: 0 },
    });
  };

/** The figures in "my signals" as shown: each label with its value. */
async function figures(lang: 'nl' | 'en', count: number | null): Promise<string[]> {
  const form = await fixture<SignaalForm>(
    html`<signaal-form
      lang=${lang}
      .config=${{ mailbox, showStats: true }}
      .clientOptions=${{ transport: statsBackend(count), retry: false }}
    ></signaal-form>`,
  );
  await ready(form);
  await waitUntil(() => part(form, '#f-mine summary'), 'no my signals section', { timeout: 10_000 });
  part(form, '#f-mine summary')!.click();
  await waitUntil(() => part(form, 'dl.stats'), 'no figures', { timeout: 10_000 });
  return [...part(form, 'dl.stats')!.querySelectorAll('dt, dd')].map(text);
}

describe("the widget's texts", () => {
  describe('counts in the plural form their number takes (Intl.PluralRules)', () => {
    it('shows 0, 1 and 2 signals in Dutch', async () => {
      expect(await figures('nl', 0)).to.deep.equal(['Doorgegeven', '0 signalen', 'Doorgestuurd naar een andere organisatie', '0 signalen']);
      expect(await figures('nl', 1)).to.deep.equal(['Doorgegeven', '1 signaal', 'Doorgestuurd naar een andere organisatie', '1 signaal']);
      expect(await figures('nl', 2)).to.deep.equal(['Doorgegeven', '2 signalen', 'Doorgestuurd naar een andere organisatie', '2 signalen']);
    });

    it('shows 0, 1 and 2 signals in English', async () => {
      expect(await figures('en', 0)).to.deep.equal(['Passed on', '0 signals', 'Passed on to another organisation', '0 signals']);
      expect(await figures('en', 1)).to.deep.equal(['Passed on', '1 signal', 'Passed on to another organisation', '1 signal']);
      expect(await figures('en', 2)).to.deep.equal(['Passed on', '2 signals', 'Passed on to another organisation', '2 signals']);
    });

    it("writes a hidden small number as words, and a large one in the language's notation", async () => {
      expect((await figures('nl', null))[1]).to.equal('minder dan 5 signalen');
      expect((await figures('en', null))[1]).to.equal('fewer than 5 signals');
      expect((await figures('nl', 1234))[1]).to.equal('1.234 signalen');
      expect((await figures('en', 1234))[1]).to.equal('1,234 signals');
    });

    for (const [lang, one, two] of [
      ['nl', 'Er is 1 ding om aan te passen', 'Er zijn 2 dingen om aan te passen'],
      ['en', 'There is 1 thing to fix', 'There are 2 things to fix'],
    ] as const) {
      it(`counts the errors in the error summary's heading (${lang}): none, 1, 2`, async () => {
        const form = await fixture<SignaalForm>(html`<signaal-form lang=${lang} .config=${{ mailbox }}></signaal-form>`);
        await ready(form);
        expect(part(form, '#f-summary'), 'no summary before a failed submit').to.equal(null);
        await submit(form);
        await waitUntil(() => part(form, '#f-summary'), 'no error summary');
        expect(text(part(form, '#f-summary-title'))).to.equal(one);
        for (const section of form.shadowRoot!.querySelectorAll('details')) section.open = true;
        await waitUntil(() => part(form, '#f-email'), 'no e-mail field');
        fill(form, '#f-email', 'geen-adres');
        await submit(form);
        await waitUntil(() => text(part(form, '#f-summary-title')) === two, `the heading did not say "${two}"`);
        expect(part(form, '#f-summary')!.querySelectorAll('li')).to.have.length(2);
      });
    }
  });

  describe('overrides', () => {
    it("shows the host's texts, a plural form among them, in place of the defaults", async () => {
      const form = await fixture<SignaalForm>(
        html`<signaal-form
          .config=${{ mailbox }}
          .messages=${{ nl: { title: 'Zorg delen', 'errorSummary#one': 'Nog {count} ding' } }}
        ></signaal-form>`,
      );
      await ready(form);
      expect(text(part(form, 'h2'))).to.equal('Zorg delen');
      await submit(form);
      await waitUntil(() => part(form, '#f-summary'), 'no error summary');
      expect(text(part(form, '#f-summary-title'))).to.equal('Nog 1 ding');
    });

    it('refuses a messages property with an unknown key or a non-text: one console error naming keys only, invalid-config, the defaults on screen and the form usable', async () => {
      const errors = watchErrors();
      try {
        const el = document.createElement('signaal-form');
        el.config = { mailbox };
        el.messages = { nl: { emergency: 'Direct gevaar? Bel 112.', titel: 'Geheim-woord-1', intro: 42 as unknown as string } } as never;
        const failed = oneEvent<SignaalErrorEvent>(el, 'signaal-error');
        const form = await fixture<SignaalForm>(html`<div>${el}</div>`).then(() => el);
        expect((await failed).code).to.equal('invalid-config');
        await ready(form);
        expect(text(part(form, '.emergency')), 'a valid override stays').to.equal('Direct gevaar? Bel 112.');
        expect(text(part(form, 'h2')), 'the default title').to.equal('Signaal doorgeven');
        expect(text(part(form, '.intro')), 'the default for a non-text').to.contain('Zie of hoor je iets wat niet klopt?');
        expect(part(form, '#f-description'), 'the form stays usable').not.to.equal(null);
        expect(part(form, '.panel.failure')).to.equal(null);
        expect(errors.lines).to.have.length(1);
        expect(errors.lines[0]).to.contain('nl.titel').and.to.contain('nl.intro');
        expect(errors.lines[0]).not.to.contain('Geheim-woord-1');
        form.messages = { nl: { emergency: 'Direct gevaar? Bel 112.', titel: 'Geheim-woord-1', intro: 42 } } as never;
        await form.updateComplete;
        expect(errors.lines, 'an equal value is not reported again').to.have.length(1);
      } finally {
        errors.restore();
      }
    });

    it('takes config.messages with an unknown key as an invalid configuration: the configuration error, invalid-config, one console error naming the key only', async () => {
      const errors = watchErrors();
      try {
        const el = document.createElement('signaal-form');
        el.config = { mailbox, messages: { en: { title: 'Report', titel: 'Geheim-woord-2' } } };
        el.lang = 'en';
        const failed = oneEvent<SignaalErrorEvent>(el, 'signaal-error');
        await fixture<HTMLDivElement>(html`<div>${el}</div>`);
        expect((await failed).code).to.equal('invalid-config');
        await waitUntil(() => part(el, '.panel.failure'), 'no configuration error', { timeout: 10_000 });
        expect(text(part(el, '.panel.failure'))).to.contain('This form does not work right now');
        expect(part(el, '#f-description')).to.equal(null);
        expect(errors.lines).to.have.length(1);
        expect(errors.lines[0]).to.contain('messages.en.titel');
        expect(errors.lines[0]).not.to.contain('Geheim-woord-2');
        expect(errors.lines[0]).not.to.contain('Report');

        el.config = { mailbox, messages: { en: { title: 'Report' } } };
        await waitUntil(() => part(el, '#f-description'), 'a corrected configuration was not taken', { timeout: 10_000 });
        expect(text(part(el, 'h2'))).to.equal('Report');
      } finally {
        errors.restore();
      }
    });

    it('gives the button its texts through the same mechanism: a known override shows, a non-text falls back', async () => {
      const errors = watchErrors();
      try {
        const el = await fixture<SignaalButton>(
          html`<signaal-button
            mailbox=${mailbox}
            .messages=${{ nl: { trigger: 'Zorg delen', dialogTitle: 7 as unknown as string } }}
          ></signaal-button>`,
        );
        expect(text(trigger(el))).to.equal('Zorg delen');
        const failed = oneEvent<SignaalErrorEvent>(el, 'signaal-error');
        const form = await open(el);
        expect(text(el.shadowRoot!.querySelector('#signaal-dialog-title'))).to.equal('Signaal doorgeven');
        expect(text(trigger(el))).to.equal('Zorg delen');
        expect((await failed).code, 'the form inside reports the non-text').to.equal('invalid-config');
        expect(errors.lines).to.have.length(1);
        expect(errors.lines[0]).to.contain('nl.dialogTitle');
        expect(part(form, '#f-description')).not.to.equal(null);
      } finally {
        errors.restore();
      }
    });
  });
});
