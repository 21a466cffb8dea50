// A citizen's case in a case system, with the signal button beside it. The clock re-renders the
// whole screen every second, and every render hands the button new inline objects: the widget
// compares them by value, so the employee's typing is never disturbed.
import { useEffect, useState } from 'react';
// Types <signaal-button> in JSX: its properties, and `onsignaal-submitted` with the receipt.
import type {} from '@signaal/widget/react';

/** Where signals go: the receiver behind the case system's own `/api`, unless the build says otherwise. */
const endpoint = import.meta.env.VITE_SIGNAAL_ENDPOINT ?? '/api';

const employee = { name: 'Anouk Jansen', department: 'Publiekszaken', email: 'a.jansen@voorbeeldstad.example' };
const caseOnScreen = {
  reference: 'Z-2024-01873',
  kind: 'Inschrijving BRP, adreswijziging',
  address: 'Voorbeeldstraat 12, Voorbeeldstad',
  state: 'In behandeling',
};

/** The current time, renewed every second. */
function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function CaseScreen() {
  const now = useClock();
  const [buttonShown, setButtonShown] = useState(true);
  const [references, setReferences] = useState<string[]>([]);

  return (
    <>
      <header className="top">
        <strong>Zaaksysteem</strong>
        <span>
          Ingelogd als {employee.name} ·{' '}
          <time id="clock" dateTime={now.toISOString()}>
            {now.toLocaleTimeString('nl-NL')}
          </time>
        </span>
      </header>
      <div className="layout">
        <main>
          <h1>Zaak {caseOnScreen.reference}</h1>
          <dl className="case">
            <dt>Soort</dt>
            <dd>{caseOnScreen.kind}</dd>
            <dt>Adres</dt>
            <dd>{caseOnScreen.address}</dd>
            <dt>Status</dt>
            <dd>{caseOnScreen.state}</dd>
          </dl>
          <p>Op dit adres staan sinds deze maand elf personen ingeschreven.</p>
          <p>Zie je iets wat niet klopt? Geef het door:</p>
          {buttonShown && (
            <signaal-button
              config={{
                endpoint,
                municipality: 'Gemeente Voorbeeldstad',
                officer: { name: 'Sanne de Vries', role: 'Aandachtsfunctionaris mensenhandel', phone: '14 020' },
              }}
              reporter={{ name: employee.name, department: employee.department, email: employee.email }}
              context={{ caseReference: caseOnScreen.reference, sourceSystem: 'Zaaksysteem (React)' }}
              onsignaal-submitted={(event) => setReferences((list) => [...list, event.receipt.reference])}
            />
          )}
          <p>
            <button type="button" aria-pressed={buttonShown} onClick={() => setButtonShown((shown) => !shown)}>
              Signaalknop tonen
            </button>
          </p>
        </main>
        <aside aria-labelledby="sent-heading">
          <h2 id="sent-heading">Doorgegeven signalen</h2>
          {references.length > 0 ? (
            <ul id="references">
              {references.map((reference, index) => (
                <li key={index}>{reference}</li>
              ))}
            </ul>
          ) : (
            <p>Nog geen signalen doorgegeven vanuit deze zaak.</p>
          )}
        </aside>
      </div>
    </>
  );
}
