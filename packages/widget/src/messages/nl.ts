/**
 * Dutch texts: the source. Every key here must exist in `en.ts` (the type checks it), and every
 * text can be replaced per municipality through the `messages` property or `config.messages`.
 * `{name}` placeholders are filled in as plain text. A text that counts something has a form per
 * plural category (`key#one`, `key#other`), chosen by `Intl.PluralRules` for `{count}`.
 */
import { buttonNl } from './button.js';
import type { InfoMessages } from './info.js';
import type { MineMessages } from './mine.js';

export const nl = {
  ...buttonNl,
  title: 'Signaal doorgeven',
  intro: 'Zie of hoor je iets wat niet klopt? Geef het door aan {officer}. Je hoeft het niet zeker te weten.',
  officerFallback: 'de aandachtsfunctionaris',
  emergency: 'Acuut gevaar? Bel 112.',
  required: '(verplicht)',
  optional: '(niet verplicht)',

  modeLegend: 'Wat wil je doen?',
  modeSignal: 'Iets doorgeven wat ik zag of hoorde',
  modeSparring: 'Eerst even overleggen (sparren)',
  descriptionSignal: 'Wat heb je gezien of gehoord?',
  descriptionSparring: 'Waarover wil je overleggen?',
  descriptionHint: 'Schrijf het op in je eigen woorden. Kort mag ook.',
  sparringHint: 'Noem geen namen of andere gegevens van inwoners. We nemen contact met je op voor een gesprek.',

  situation: 'Meer over de situatie',
  indicatorsLegend: 'Wat viel je op?',
  setting: 'Waar was het?',
  settingNone: 'Kies een situatie',
  'setting.counter': 'Aan de balie',
  'setting.home-visit': 'Bij een huisbezoek',
  'setting.inspection': 'Bij een controle',
  'setting.phone': 'Aan de telefoon',
  'setting.other': 'Ergens anders',
  place: 'Plaats of adres',
  time: 'Wanneer was het?',
  timeHint: 'Bijvoorbeeld: dinsdagochtend 10 juni',
  caseReference: 'Zaaknummer',

  you: 'Jouw gegevens',
  name: 'Naam',
  department: 'Afdeling',
  phone: 'Telefoonnummer',
  email: 'E-mailadres',
  callbackHow: 'Hoe kunnen we je het best bereiken?',
  callbackNone: 'Maakt niet uit',
  'callback.phone': 'Bellen',
  'callback.email': 'Mailen',
  'callback.in-person': 'Langskomen',
  'callback.chat': 'Chatten',
  callbackWhen: 'Wanneer ben je het best bereikbaar?',
  confidentialityLegend: 'Wie weet dat jij dit doorgeeft?',
  confidential: 'Vertrouwelijk: alleen de aandachtsfunctionaris weet wie je bent',
  confidentialOnly: 'Vertrouwelijk: alleen de aandachtsfunctionaris weet wie je bent.',
  anonymous: 'Anoniem: ik laat geen gegevens achter',
  anonymousCaveat:
    'Let op: het systeem waarin je werkt, kan nog weten wie er was ingelogd. En zonder je gegevens kunnen we je geen vragen stellen of laten weten wat er met je signaal gebeurt.',
  anonymousHidden: 'Je gegevens worden niet meegestuurd.',

  submit: 'Versturen',
  submitMail: 'E-mail klaarzetten',
  sending: 'Je signaal wordt verstuurd…',
  discard: 'Concept wissen',
  discardConfirm: 'Je tekst gaat dan verloren. Wil je het concept wissen?',
  discardYes: 'Ja, wissen',
  discardNo: 'Nee, bewaren',
  discarded: 'Het concept is gewist.',
  blocked: 'Versturen is tegengehouden door de applicatie waarin je werkt. Je tekst is bewaard.',

  'errorSummary#one': 'Er is {count} ding om aan te passen',
  'errorSummary#other': 'Er zijn {count} dingen om aan te passen',
  'invalid.description': 'Schrijf kort op wat je zag of hoorde.',
  'invalid.descriptionSparring': 'Schrijf kort op waarover je wilt overleggen.',
  'invalid.email': 'Vul een e-mailadres in zoals naam@gemeente.nl, of laat het veld leeg.',
  'invalid.too-long': 'Deze tekst is te lang. Maak hem korter.',
  'invalid.other': 'Dit veld klopt nog niet.',

  receiptTitle: 'Dank je wel. Je signaal is ontvangen.',
  receiptTitleSparring: 'Dank je wel. Je vraag is ontvangen.',
  receiptReference: 'Kenmerk',
  receiptNext: '{officer} leest je bericht en neemt contact met je op als er iets nodig is.',
  receiptFollowUp:
    'Noteer het kenmerk en de code. Daarmee zie je later onder "Mijn meldingen" hoe het ermee staat. Weet je later nog iets? Noem het kenmerk als je contact opneemt.',
  receiptToken: 'Code',
  receiptTokenHint: 'Deze code is geheim: alleen met kenmerk en code is de status te zien. Hij wordt nergens bewaard.',
  receiptKept: 'Kenmerk en code zijn in deze browser bewaard. Onder "Mijn meldingen" zie je hoe het ermee staat.',
  newReport: 'Nog iets doorgeven',

  failedTitle: 'Je signaal is nog niet verstuurd',
  failedSaid: '{title}. {reason}',
  failedKeep: 'Je tekst is bewaard. Kies hoe je verder wilt.',
  'error.network': 'Er is nu geen verbinding met de server.',
  'error.timeout': 'De server reageerde niet op tijd.',
  'error.server': 'De server heeft een storing.',
  'error.rejected': 'De server heeft het bericht niet aangenomen.',
  'error.conflict': 'De server verwerkt dit bericht al, of kent een ander bericht met hetzelfde kenmerk.',
  'error.invalid-response': 'De server gaf een onverwacht antwoord. Het is niet zeker dat je signaal is aangekomen.',
  'error.aborted': 'Het versturen is afgebroken.',
  'error.invalid-input': 'Er klopt nog iets niet in het formulier.',
  'error.invalid-config': 'Het formulier is niet goed ingesteld.',
  retry: 'Opnieuw proberen',
  mailInstead: 'Versturen per e-mail',
  copy: 'Tekst kopiëren',
  copied: 'De tekst is gekopieerd. Plak hem in een e-mail of bericht aan {officer}.',
  copyManual: 'Kopiëren lukte niet vanzelf. Selecteer de tekst hieronder en kopieer hem.',
  copyLabel: 'Je bericht, om te kopiëren',
  edit: 'Terug naar het formulier',

  mailedTitle: 'Nog één stap: verstuur de e-mail',
  mailedSteps:
    'Open je e-mailprogramma met de knop hieronder. Het bericht aan {mailbox} staat dan klaar. Controleer het en verstuur het daar.',
  mailedTruncated: 'Je tekst was te lang en is in de e-mail ingekort. Kopieer de hele tekst en plak hem in de e-mail.',
  openMail: 'E-mail openen',
  mailedDone: 'Ik heb de e-mail verstuurd',
  mailedThanks: 'Dank je wel. {officer} leest je bericht.',

  configErrorTitle: 'Dit formulier werkt nu niet',
  configErrorBody:
    'Het is niet goed ingesteld. Meld dit bij de beheerder van deze applicatie. Je kunt je signaal wel telefonisch doorgeven via de meldpunten hieronder.',
  configLoading: 'Instellingen laden…',

  mineTitle: 'Mijn meldingen',
  mineOpening: 'Mijn meldingen laden…',
  mineLoadFailed: 'Mijn meldingen konden niet worden geladen. Je kunt het opnieuw proberen; het formulier werkt gewoon.',
  mineIntro: 'Zie hoe het staat met wat je hebt doorgegeven. Je ziet alleen de status en het bericht van {officer}, niet wat je schreef.',
  'kind.signal': 'Signaal',
  'kind.sparring': 'Vraag om overleg',

  officerTitle: 'Jouw aandachtsfunctionaris',
  officerPhoto: 'Foto van {name}',
  officerPhone: 'Telefoon',
  officerEmail: 'E-mail',

  infoTitle: 'Goed om te weten',
  infoLoading: 'Even laden…',
  infoLoadFailed: 'Dit kon niet worden geladen. Sluit het en open het opnieuw om het nog eens te proberen.',
  infoShare: 'Wat mag ik delen?',
  infoNext: 'Wat gebeurt er met mijn signaal?',
  infoExternal: 'Wie meldt er buiten de gemeente?',
  infoWhy: 'Waarom is doorgeven belangrijk?',
  infoFaq: 'Vragen die vaak terugkomen',
  infoResources: 'Meer weten',
  'resource.e-learning': 'E-learning',
  'resource.success-story': 'Succesverhaal',
  'resource.news': 'Nieuws',
  'resource.intranet': 'Intranet',
  'resource.other': 'Link',
  infoRoutes: 'Andere meldpunten',
  routeCall: 'Bel {phone}',
  externalLink: '(opent in een nieuw venster)',
};

/** The texts that ship with the form, by key. */
export type FormMessages = { [Key in keyof typeof nl]: string };
/** Every text the widget shows, by key: the form's, "good to know" (`info.ts`) and "my signals" (`mine.ts`). */
export type Messages = FormMessages & InfoMessages & MineMessages;
/** The plural categories the shipped languages use (`Intl.PluralRules`: Dutch and English know `one` and `other`). */
export type PluralForm = 'one' | 'other';
/** Texts that count something: `t(key, { count })` picks `key#one` or `key#other`. */
export type CountKey = keyof Messages extends infer Key ? (Key extends `${infer Base}#other` ? Base : never) : never;
/** The keys of the texts that count nothing: `t(key, values)`. */
export type MessageKey = Exclude<keyof Messages, `${string}#${PluralForm}`>;
type Known<Key extends keyof Messages> = Key;
/** Every counting text has each plural form: a type error names the one missing. */
export type PluralFormsComplete = Known<`${CountKey}#${PluralForm}`>;
