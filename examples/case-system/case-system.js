// The case screen hands the logged-in employee and the open case to the widget as properties.
// An external file (no inline script), so the page works under its strict Content-Security-Policy.
const employee = { name: 'Anouk Jansen', department: 'Publiekszaken', phone: '14 020', email: 'a.jansen@voorbeeldstad.example' };
const caseOnScreen = { caseReference: 'Z-2024-01873', sourceSystem: 'Zaaksysteem' };

document.getElementById('employee-name').textContent = employee.name;

for (const element of document.querySelectorAll('signaal-button, signaal-form')) {
  element.reporter = employee;
  element.context = caseOnScreen;
}

// The host may add context just before delivery, or stop it.
document.addEventListener('signaal-submit', (event) => {
  if (event.draft.kind === 'signal' && !event.draft.caseReference) event.draft.caseReference = caseOnScreen.caseReference;
});
document.addEventListener('signaal-submitted', (event) => {
  // Only the reference: the receipt's status token stays with the employee's browser session.
  document.title = `Signaal ${event.receipt.reference} doorgegeven · Zaaksysteem`;
});
