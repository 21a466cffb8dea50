/**
 * The bodies of "good to know" (what may be shared, what happens next, who reports outside the
 * municipality, why it matters, the questions that come back), in both languages. An on-demand
 * chunk, fetched when one of those sections is first opened; the headings ship with the form.
 */
export const infoNl = {
  infoShareBody:
    'Alles wat je zelf hebt gezien of gehoord in je werk, ook als het klein lijkt. Gegevens die je voor je werk hebt, mag je delen met de aandachtsfunctionaris. Een vorm is niet nodig: schrijf het op zoals het in je opkomt.',
  infoNextBody:
    'De aandachtsfunctionaris leest je bericht, legt het naast andere informatie en belt je als er vragen zijn. Daarna besluit de gemeente of het signaal verder gaat, bijvoorbeeld naar politie, Arbeidsinspectie of het RIEC. Je hoort wat er met je signaal gebeurt.',
  infoExternalMunicipality: 'Als een signaal verder gaat, meldt de gemeente het. Niet jij persoonlijk.',
  infoExternalEmployee: 'Als een signaal verder gaat, doe je dat samen met de aandachtsfunctionaris, op je eigen naam.',
  infoExternalUnknown:
    'De aandachtsfunctionaris vertelt je of een melding buiten de gemeente op naam van de gemeente of op jouw naam gaat.',
  why1: 'Slachtoffers krijgen eerder hulp, opvang en zorg.',
  why2: 'Het helpt georganiseerde misdaad en ondermijning tegen te gaan.',
  why3: 'Het beperkt fraude met uitkeringen en toeslagen, bijvoorbeeld via malafide uitzendbureaus.',
  why4: 'Het maakt wijken en straten veiliger.',
  why5: 'Het voorkomt dat meer mensen worden uitgebuit.',
  why6: 'Het beschermt kinderen.',
  faqAnonymousQ: 'Kan ik anoniem blijven?',
  faqAnonymousA:
    'Je signaal is vertrouwelijk: alleen de aandachtsfunctionaris weet wie je bent. Anoniem doorgeven kan alleen als je gemeente dat toestaat, en dan kunnen we je niet terugbellen.',
  faqAccusationQ: 'Beschuldig ik iemand als ik iets doorgeef?',
  faqAccusationA: 'Nee. Een signaal is geen beschuldiging. Het is een aanwijzing die de aandachtsfunctionaris zorgvuldig bekijkt.',
  faqSureQ: 'Moet ik het zeker weten?',
  faqSureA: 'Nee. Twijfel je? Geef het toch door, of kies voor overleggen. Samen kijken we of er iets mee moet.',
};

/** The texts of "good to know", by key. */
export type InfoMessages = { [Key in keyof typeof infoNl]: string };

export const infoEn: InfoMessages = {
  infoShareBody:
    'Anything you saw or heard in your work, even if it seems small. Information you hold for your work may be shared with the designated officer. No format is needed: write it down the way it comes to you.',
  infoNextBody:
    'The designated officer reads your message, puts it next to other information and calls you if there are questions. The municipality then decides whether the signal goes further, for example to the police, the Labour Authority or the RIEC. You will hear what happened with it.',
  infoExternalMunicipality: 'If a signal goes further, the municipality reports it. Not you personally.',
  infoExternalEmployee: 'If a signal goes further, you report it together with the designated officer, in your own name.',
  infoExternalUnknown:
    'The designated officer will tell you whether a report outside the municipality goes in the municipality’s name or in yours.',
  why1: 'Victims get help, shelter and care sooner.',
  why2: 'It helps fight organised crime and its grip on legal business.',
  why3: 'It limits benefit fraud, for example through rogue employment agencies.',
  why4: 'It makes neighbourhoods and streets safer.',
  why5: 'It prevents more people from being exploited.',
  why6: 'It protects children.',
  faqAnonymousQ: 'Can I stay anonymous?',
  faqAnonymousA:
    'Your signal is confidential: only the designated officer knows who you are. Passing it on anonymously is possible only where your municipality allows it, and then we cannot call you back.',
  faqAccusationQ: 'Am I accusing someone if I pass this on?',
  faqAccusationA: 'No. A signal is not an accusation. It is a clue that the designated officer looks at with care.',
  faqSureQ: 'Do I need to be sure?',
  faqSureA: 'No. In doubt? Pass it on anyway, or choose to talk it through. Together we will see whether something needs to happen.',
};
