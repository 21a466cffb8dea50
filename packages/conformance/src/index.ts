/**
 * @signaal/conformance: runs the Signaal backend contract's cases against any backend.
 *
 * @example
 * import { formatReport, runConformance } from '@signaal/conformance';
 * const report = await runConformance({ baseUrl: 'https://signalen.gemeente.example/api' });
 * process.stdout.write(formatReport(report));
 */
export { type BackendOptions } from './backend.js';
export { cases, testMarker, type ConformanceCase } from './cases.js';
export { main } from './command-line.js';
export { formatReport, runConformance, type CaseResult, type ConformanceOptions, type ConformanceReport } from './run.js';
