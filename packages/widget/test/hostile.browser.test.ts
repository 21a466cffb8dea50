import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SignaalButton } from '../src/signaal-button.js';
import {
  captureConsole,
  dialog,
  expectNoAxeViolations,
  fill,
  flaky,
  formIn,
  open,
  panel,
  part,
  settled,
  submit,
  text,
  trigger,
} from './helpers.js';

describe('a hostile host page', () => {
  it('keeps the widget visible and on top despite global resets and the host’s own modal dialog', async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      * { all: unset !important; }
      html, body { display: block !important; font-size: 8px !important; color: transparent !important; }
      dialog { display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: red !important; }
      button { display: none !important; }
    `);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const host = await fixture<HTMLDialogElement>(
        html`<dialog>
          <p>Host modal</p>
          <signaal-button endpoint=${flaky().endpoint}></signaal-button>
        </dialog>`,
      );
      host.showModal();
      const el = host.querySelector('signaal-button')!;
      await el.updateComplete;
      const triggerBox = trigger(el).getBoundingClientRect();
      expect(triggerBox.width).to.be.greaterThan(40);
      expect(getComputedStyle(trigger(el)).display).not.to.equal('none');

      const form = await open(el);
      await settled(el);
      const box = dialog(el).getBoundingClientRect();
      expect(box.width).to.be.greaterThan(280);
      expect(box.height).to.be.greaterThan(200);
      // The top layer: whatever the host's z-index, the point at the dialog's centre is the widget.
      const x = box.left + box.width / 2;
      const y = box.top + Math.min(box.height / 2, 100);
      expect(document.elementFromPoint(x, y)).to.equal(el);
      expect(dialog(el).contains(el.shadowRoot!.elementFromPoint(x, y))).to.equal(true);
      const field = part<HTMLTextAreaElement>(form, '#f-description')!;
      expect(field.getBoundingClientRect().height).to.be.greaterThan(40);
      expect(parseFloat(getComputedStyle(field).fontSize)).to.be.at.least(14);
      expect(getComputedStyle(dialog(el)).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(part(form, 'label[for="f-description"]')!).color).not.to.equal('rgba(0, 0, 0, 0)');
      fill(form, '#f-description', 'Ook op een vijandige pagina.');
      await submit(form);
      await panel(form, '.success');
      host.close();
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((item) => item !== sheet);
    }
  });

  it('renders hostile configuration strings as text and uses no javascript: URLs', async () => {
    const evil = '<img src=x onerror="window.signaalPwned=1"><script>window.signaalPwned=1</script>';
    const el = await fixture<SignaalButton>(
      html`<signaal-button
        .messages=${{ nl: { trigger: evil, emergency: evil } }}
        .config=${{
          mailbox: 'signalen@gemeente.example',
          municipality: evil,
          officer: { name: evil, role: evil, photo: 'https://gemeente.example/foto.jpg' },
          faq: [{ question: evil, answer: evil }],
          resources: [{ kind: 'news', title: evil, url: 'https://gemeente.example/nieuws' }],
          messages: { nl: { intro: evil } },
        }}
      ></signaal-button>`,
    );
    expect(text(trigger(el))).to.equal(evil);
    const form = await open(el);
    expect(text(part(form, '.emergency'))).to.equal(evil);
    expect(text(part(form, '.officer-name'))).to.equal(evil);
    expect(text(part(form, '.intro'))).to.equal(evil);
    expect(form.shadowRoot!.querySelectorAll('script, img[src="x"]')).to.have.length(0);
    expect((window as { signaalPwned?: number }).signaalPwned).to.equal(undefined);
    const urls = [...form.shadowRoot!.querySelectorAll<HTMLAnchorElement | HTMLImageElement>('a[href], img[src]')].map(
      (node) => node.getAttribute('href') ?? node.getAttribute('src'),
    );
    expect(urls.every((url) => /^(https?:|tel:|mailto:|#)/.test(url!))).to.equal(true);
    await expectNoAxeViolations(el);
  });

  it('refuses javascript: and data: URLs in the configuration and shows the configuration error', async () => {
    const logged = captureConsole('error');
    const el = await fixture<SignaalButton>(
      html`<signaal-button
        .config=${{
          mailbox: 'signalen@gemeente.example',
          officer: { name: 'Sanne', photo: 'javascript:alert(1)' },
          resources: [{ kind: 'news', title: 'Nieuws', url: 'data:text/html,<script>alert(1)</script>' }],
        }}
      ></signaal-button>`,
    );
    trigger(el).click();
    await waitUntil(() => formIn(el) && part(formIn(el)!, '.panel.failure'), 'no configuration error', { timeout: 10_000 });
    const form = formIn(el)!;
    const hrefs = [...form.shadowRoot!.querySelectorAll('a[href], img[src]')].map(
      (node) => node.getAttribute('href') ?? node.getAttribute('src') ?? '',
    );
    expect(hrefs.some((url) => /^(javascript|data):/i.test(url))).to.equal(false);
    expect(logged).to.have.length(1);
    expect(String(logged[0]![1])).to.match(/officer\.photo/);
  });
});
