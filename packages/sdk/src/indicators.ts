/**
 * The indicator catalogue: optional chips a reporter may tick. Signals are not proof; the
 * reporter does not need to be sure. Each indicator names the ILO forced-labour indicators it
 * maps to (for aggregate counts) and the sources it comes from.
 *
 * Source: `shared/data/indicators.md` (Arbeidsinspectie, Informatiepunt Mensenhandel,
 * Ondernemers tegen Ondermijning, CCV, Veiligheidshuis Zeeland, municipal practice, ILO 2012).
 */

/** Keys of the sources an indicator is drawn from. */
export type IndicatorSource = 'NLA' | 'IPM' | 'OtO' | 'CCV' | 'VHZ' | 'MUN' | 'ILO';

/** The ILO (2012) forced-labour indicators that catalogue entries map to. */
export type IloIndicator =
  | 'abuse of vulnerability'
  | 'deception'
  | 'restriction of movement'
  | 'isolation'
  | 'physical and sexual violence'
  | 'intimidation and threats'
  | 'retention of identity documents'
  | 'withholding of wages'
  | 'debt bondage'
  | 'abusive working and living conditions'
  | 'excessive overtime';

/** One entry of the catalogue. */
export interface Indicator {
  readonly id: string;
  readonly label: { readonly nl: string; readonly en: string };
  readonly ilo: readonly IloIndicator[];
  readonly sources: readonly IndicatorSource[];
}

/** Full names of the sources, for reports and the help panel. */
export const indicatorSources: Readonly<Record<IndicatorSource, string>> = {
  NLA: 'Nederlandse Arbeidsinspectie, "Herkennen en melden van arbeidsuitbuiting"',
  IPM: 'Informatiepunt Mensenhandel, "Wat zijn de signalen"',
  OtO: 'Ondernemers tegen Ondermijning, "Arbeidsuitbuiting – signalen"',
  CCV: 'Centrum voor Criminaliteitspreventie en Veiligheid, identity and BRP registration signals (citing RvIG, 2015)',
  VHZ: 'Veiligheidshuis Zeeland, signalenlijst mensenhandel',
  MUN: 'Municipal awareness campaigns and interviews with designated officers',
  ILO: 'ILO Indicators of Forced Labour (2012)',
};

const entry = (id: string, nl: string, en: string, ilo: IloIndicator[], sources: IndicatorSource[]): Indicator => ({
  id,
  label: { nl, en },
  ilo,
  sources,
});

/** The catalogue, in the order the form offers it. */
export const indicators: readonly Indicator[] = [
  entry(
    'no-own-id',
    'Heeft eigen identiteitsbewijs niet in bezit',
    'Does not hold own identity document',
    ['retention of identity documents'],
    ['NLA', 'IPM', 'OtO', 'MUN', 'ILO'],
  ),
  entry(
    'someone-speaks-for-them',
    'Iemand anders voert het woord',
    'Someone else does the talking',
    ['restriction of movement', 'isolation'],
    ['MUN'],
  ),
  entry('fearful', 'Lijkt angstig, nerveus of onrustig', 'Seems afraid, nervous or restless', ['intimidation and threats'], ['OtO', 'MUN']),
  entry(
    'unknown-address',
    'Kent eigen adres of werkplek niet',
    'Does not know own address or workplace',
    ['isolation'],
    ['NLA', 'IPM', 'OtO'],
  ),
  entry(
    'housing-via-employer',
    'Woont bij of via de werkgever',
    'Housing depends on the employer',
    ['abusive working and living conditions'],
    ['NLA', 'IPM', 'OtO', 'MUN'],
  ),
  entry(
    'many-at-one-address',
    'Veel personen of verhuizingen op één adres',
    'Many people or moves registered at one address',
    ['abusive working and living conditions'],
    ['CCV'],
  ),
  entry(
    'long-hours',
    'Structureel lange werkdagen',
    'Structurally long working days',
    ['excessive overtime'],
    ['NLA', 'IPM', 'OtO', 'ILO'],
  ),
  entry(
    'underpaid',
    'Te weinig, niet, laat of zwart betaald',
    'Paid too little, late, not at all, or cash in hand',
    ['withholding of wages'],
    ['NLA', 'IPM', 'OtO', 'ILO'],
  ),
  entry('debt', 'Hoge schuld aan werkgever of bemiddelaar', 'Large debt to employer or recruiter', ['debt bondage'], ['NLA', 'IPM', 'ILO']),
  entry(
    'fines-deductions',
    'Boetes of verplichte inhoudingen op loon',
    'Fines or forced deductions from wages',
    ['withholding of wages'],
    ['OtO', 'MUN'],
  ),
  entry(
    'no-bank-access',
    'Geen toegang tot eigen bankpas of rekening',
    'No access to own bank card or account',
    ['withholding of wages', 'abuse of vulnerability'],
    ['NLA', 'IPM'],
  ),
  entry(
    'unsafe-work',
    'Gevaarlijk of ongezond werk, niet verzekerd',
    'Dangerous or unhealthy work, uninsured',
    ['abusive working and living conditions'],
    ['NLA', 'IPM', 'OtO'],
  ),
  entry(
    'false-promises',
    'Met valse beloften naar Nederland gehaald',
    'Brought to the Netherlands with false promises',
    ['deception'],
    ['NLA', 'IPM', 'ILO'],
  ),
  entry(
    'threats-violence',
    'Bedreigd, gechanteerd, mishandeld of onder druk gezet',
    'Threatened, blackmailed, abused or pressured',
    ['intimidation and threats', 'physical and sexual violence'],
    ['NLA', 'IPM', 'ILO'],
  ),
  entry(
    'controlled-movement',
    'Wordt gecontroleerd, gebracht en gehaald',
    'Controlled, escorted, brought and picked up',
    ['restriction of movement'],
    ['OtO', 'MUN', 'ILO'],
  ),
  entry(
    'total-dependency',
    'Werkgever of uitzendbureau regelt alles (werk, wonen, vervoer)',
    'Employer or agency arranges everything (work, housing, transport)',
    ['abuse of vulnerability'],
    ['OtO'],
  ),
  entry(
    'language-isolation',
    'Spreekt geen Nederlands of Engels, kent eigen rechten niet',
    'Speaks no Dutch or English, does not know own rights',
    ['isolation', 'abuse of vulnerability'],
    ['OtO', 'IPM'],
  ),
  entry(
    'visible-injuries',
    'Zichtbare verwondingen of tekenen van geweld',
    'Visible injuries or signs of violence',
    ['physical and sexual violence'],
    ['OtO', 'VHZ'],
  ),
  entry('other-exploitation', 'Mogelijk seksuele of criminele uitbuiting', 'Possibly sexual or criminal exploitation', [], ['IPM', 'CCV']),
  entry('gut-feeling', 'Alleen een onderbuikgevoel', 'Only a gut feeling', [], ['MUN']),
];

/** The ids of the catalogue, as a tuple for the signal schema. */
export const indicatorIds = indicators.map((indicator) => indicator.id) as [string, ...string[]];

/** Looks up one indicator by id. */
export const findIndicator = (id: string): Indicator | undefined => indicators.find((indicator) => indicator.id === id);

/** Where else to report, for the help panel. */
export interface ExternalRoute {
  readonly id: string;
  readonly name: { readonly nl: string; readonly en: string };
  readonly phone: string;
  readonly note?: { readonly nl: string; readonly en: string };
}

/** The external reporting routes, acute danger first. */
export const externalRoutes: readonly ExternalRoute[] = [
  { id: 'emergency', name: { nl: 'Acuut gevaar', en: 'Acute danger' }, phone: '112', note: { nl: 'Altijd eerst', en: 'Always first' } },
  {
    id: 'police',
    name: { nl: 'Politie, bij vermoeden van dwang of uitbuiting', en: 'Police, on suspicion of coercion or exploitation' },
    phone: '0900-8844',
  },
  {
    id: 'labour-inspectorate',
    name: { nl: 'Nederlandse Arbeidsinspectie (arbeidsuitbuiting)', en: 'Netherlands Labour Authority (labour exploitation)' },
    phone: '0800 5151',
    note: { nl: 'Anoniem melden kan', en: 'Anonymous reports possible' },
  },
  {
    id: 'meld-misdaad-anoniem',
    name: { nl: 'Meld Misdaad Anoniem', en: 'Meld Misdaad Anoniem (report crime anonymously)' },
    phone: '0800-7000',
    note: { nl: 'Anoniem; je hoort niet wat ermee gebeurt', en: 'Anonymous; no feedback to the reporter' },
  },
  {
    id: 'veilig-thuis',
    name: { nl: 'Veilig Thuis (minderjarigen, huiselijke afhankelijkheid)', en: 'Veilig Thuis (minors, domestic dependency)' },
    phone: '0800-2000',
  },
];
