// What a React 19 app gets from `import type {} from '@signaal/widget/react'`: every property and
// event of the tags typed, and wrong uses rejected. Compiled by `npm run typecheck:frameworks`;
// each `@ts-expect-error` fails the check if the types stop catching that mistake.
import type {} from '@signaal/widget/react';
import type { SignaalButton, SignaalForm } from '@signaal/widget';
import { useRef, useState } from 'react';

export function CaseScreen({ caseReference }: { caseReference: string }) {
  const [reference, setReference] = useState<string>();
  const button = useRef<SignaalButton>(null);
  const form = useRef<SignaalForm | null>(null);
  return (
    <main>
      <signaal-button
        ref={button}
        placement="floating"
        label="Zorgen delen"
        config={{
          endpoint: 'https://signalen.gemeente.example/api',
          mailbox: 'signalen@gemeente.example',
          allowAnonymous: true,
          modes: ['signal'],
        }}
        reporter={{ name: 'Sanne de Vries', department: 'Werk en Inkomen', email: 'sanne@gemeente.example' }}
        context={{ caseReference, sourceSystem: 'Zaaksysteem' }}
        messages={{ nl: { title: 'Zorgen delen' }, en: { title: 'Share a concern' } }}
        clientOptions={{ headers: { 'X-CSRF-Token': 'abc' }, retry: false }}
        className="signaal"
        onsignaal-open={(event) => event.type}
        onsignaal-submit={(event) => {
          event.draft.sourceSystem = 'Zaaksysteem';
          if (!caseReference) event.preventDefault();
        }}
        onsignaal-submitted={(event) => setReference(event.receipt.reference)}
        onsignaal-error={(event) => console.warn(event.code, event.retryable)}
      />
      <signaal-form
        ref={form}
        config-src="/api/config"
        hide-title
        endpoint="/api"
        onsignaal-submitted={(event) => event.receipt.statusToken.length}
      />
      <signaal-form hideTitle configSrc="/api/config" />
      {reference && <p>{reference}</p>}

      {/* @ts-expect-error a number is no configuration */}
      <signaal-button config={42} />
      {/* @ts-expect-error a configuration field that does not exist */}
      <signaal-button config={{ endpont: 'https://signalen.gemeente.example/api' }} />
      {/* @ts-expect-error a configuration field of the wrong type */}
      <signaal-button config={{ allowAnonymous: 'yes' }} />
      {/* @ts-expect-error the receipt has no such field */}
      <signaal-button onsignaal-submitted={(event) => void event.receipt.trackingNumber} />
      {/* @ts-expect-error an error event carries a code, not a receipt */}
      <signaal-form onsignaal-error={(event) => void event.receipt} />
      {/* @ts-expect-error a misspelled property */}
      <signaal-button reportr={{ name: 'Sanne de Vries' }} />
      {/* @ts-expect-error the reporter has no such field */}
      <signaal-button reporter={{ naam: 'Sanne de Vries' }} />
      {/* @ts-expect-error placement is inline or floating */}
      <signaal-button placement="top" />
    </main>
  );
}
