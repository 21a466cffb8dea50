// The texts' one mechanism as plain functions: plural forms, placeholders, overrides, and the
// check that refuses an override the widget has no text for. The elements' side is in
// texts.browser.test.ts.
import { expect } from 'chai';
import { before, describe, it } from 'node:test';
import { en } from '../src/messages/en.js';
import { infoEn, infoNl } from '../src/messages/info.js';
import { loadMessages } from '../src/messages/load-messages.js';
import { mineEn, mineNl } from '../src/messages/mine.js';
import { nl } from '../src/messages/nl.js';
import { textsFor, wrongOverrides } from '../src/texts.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the catalogues', () => {
  for (const [name, dutch, english] of [
    ['form', nl, en],
    ['good to know', infoNl, infoEn],
    ['my signals', mineNl, mineEn],
  ] as const) {
    it(`have the same keys and the same placeholders in English as in Dutch (${name})`, () => {
      expect(Object.keys(english).sort()).to.deep.equal(Object.keys(dutch).sort());
      for (const [key, text] of Object.entries(dutch)) {
        expect(placeholders((english as Record<string, string>)[key]!), key).to.deep.equal(placeholders(text));
      }
    });
  }
});

describe("textsFor before the form's catalogue is here", () => {
  it("gives the button's texts (they ship with the entry), and an empty text for the rest", () => {
    expect(textsFor('nl').t('trigger')).to.equal('Signaal doorgeven');
    expect(textsFor('en', { en: { close: 'Done' } }).t('close')).to.equal('Done');
    expect(textsFor('en').t('loading')).to.equal('Loading the form…');
    expect(textsFor('nl').t('title')).to.equal('');
  });
});

describe('textsFor(locale, ...overrides).t(key, values)', () => {
  before(async () => {
    await Promise.all([loadMessages('nl'), loadMessages('en')]);
  });

  it('picks the plural form Intl.PluralRules gives the count: 0, 1 and 2 in Dutch and English', () => {
    const dutch = textsFor('nl');
    const english = textsFor('en');
    expect([0, 1, 2].map((count) => dutch.t('errorSummary', { count }))).to.deep.equal([
      'Er zijn 0 dingen om aan te passen',
      'Er is 1 ding om aan te passen',
      'Er zijn 2 dingen om aan te passen',
    ]);
    expect([0, 1, 2].map((count) => english.t('errorSummary', { count }))).to.deep.equal([
      'There are 0 things to fix',
      'There is 1 thing to fix',
      'There are 2 things to fix',
    ]);
  });

  it("writes numbers in the language's notation", () => {
    expect(textsFor('nl').t('errorSummary', { count: 1234 })).to.equal('Er zijn 1.234 dingen om aan te passen');
    expect(textsFor('en').t('errorSummary', { count: 1234 })).to.equal('There are 1,234 things to fix');
  });

  it('takes the first override that gives a string, then the default; a form an override leaves out falls back to its other form', () => {
    const host = { nl: { title: 'Van de host', intro: 7 as unknown as string, 'errorSummary#one': 'Nog {count} ding' } };
    const config = { nl: { title: 'Uit de configuratie', emergency: 'Uit de configuratie' } };
    const { t } = textsFor('nl', host, config);
    expect(t('title')).to.equal('Van de host');
    expect(t('emergency')).to.equal('Uit de configuratie');
    expect(t('intro', { officer: 'Sanne' }), 'a non-text is passed over').to.equal(nl.intro.replace('{officer}', 'Sanne'));
    expect(t('errorSummary', { count: 1 })).to.equal('Nog 1 ding');
    expect(t('errorSummary', { count: 3 })).to.equal('Er zijn 3 dingen om aan te passen');
    expect(textsFor('en', host).t('title'), 'another language is not touched').to.equal(en.title);
  });

  it('fills placeholders as plain text and leaves one without a value as it is', () => {
    const { t } = textsFor('nl');
    expect(t('officerPhoto', { name: '<b>Sanne</b>' })).to.equal('Foto van <b>Sanne</b>');
    expect(t('officerPhoto')).to.equal('Foto van {name}');
  });
});

describe('wrongOverrides(overrides, catalogue)', () => {
  it('finds nothing wrong in no overrides, or in known keys with texts (those of on-demand parts too)', () => {
    expect(wrongOverrides(undefined, nl)).to.deep.equal([]);
    expect(wrongOverrides(null, nl)).to.deep.equal([]);
    expect(wrongOverrides({ nl: { title: 'x', why1: 'x', 'statsCount#one': 'x' }, en: undefined }, en)).to.deep.equal([]);
  });

  it('names unknown keys, non-texts and languages the widget does not ship, never the texts', () => {
    const wrong = wrongOverrides(
      { nl: { titel: 'Geheim', intro: 3, toString: 'x', 'errorSummary#few': 'x' }, de: { title: 'x' }, en: 'Titel' },
      nl,
    );
    expect(wrong).to.deep.equal(['nl.titel', 'nl.intro', 'nl.toString', 'nl.errorSummary#few', 'de', 'en']);
    expect(wrong.join()).not.to.contain('Geheim');
  });

  it('refuses overrides that are not an object at all', () => {
    expect(wrongOverrides('title', nl)).to.deep.equal(['(root)']);
    expect(wrongOverrides([], nl)).to.deep.equal(['(root)']);
  });
});
