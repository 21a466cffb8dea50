import { Backend, type BackendOptions } from './backend.js';
import { Skip, cases as contractCases, type CaseContext, type ConformanceCase } from './cases.js';

/** How one case went. */
export interface CaseResult {
  id: string;
  title: string;
  outcome: 'pass' | 'fail' | 'skip';
  /** Each broken rule, or why the case was skipped. */
  problems: string[];
  /** What else is worth saying: the references of stored test signals, figures not offered. */
  notes: string[];
}

export interface ConformanceReport {
  baseUrl: string;
  origin: string | undefined;
  results: CaseResult[];
  /** True when no case failed. */
  passed: boolean;
}

export interface ConformanceOptions extends BackendOptions {
  /** Only the cases with these ids (default: every case). */
  only?: readonly string[];
}

/**
 * Runs the contract's cases against a backend, one after the other.
 *
 * @example
 * const report = await runConformance({ baseUrl: 'https://signalen.gemeente.example/api', origin: 'https://intranet.gemeente.example' });
 * console.log(formatReport(report));
 * process.exitCode = report.passed ? 0 : 1;
 */
export async function runConformance(
  options: ConformanceOptions,
  cases: readonly ConformanceCase[] = contractCases,
): Promise<ConformanceReport> {
  const backend = new Backend(options);
  const results: CaseResult[] = [];
  const context: CaseContext & { problems: string[]; notes: string[] } = {
    backend,
    problems: [],
    notes: [],
    expect(condition, problem) {
      if (!condition) this.problems.push(problem);
    },
    note(text) {
      this.notes.push(text);
    },
  };
  for (const contractCase of cases) {
    if (options.only && !options.only.includes(contractCase.id)) continue;
    context.problems = [];
    context.notes = [];
    let outcome: CaseResult['outcome'];
    try {
      await contractCase.run(context);
      outcome = context.problems.length === 0 ? 'pass' : 'fail';
    } catch (error) {
      if (error instanceof Skip) {
        outcome = 'skip';
        context.problems = [error.message];
      } else {
        outcome = 'fail';
        context.problems.push(describeError(error));
      }
    }
    results.push({ id: contractCase.id, title: contractCase.title, outcome, problems: context.problems, notes: context.notes });
  }
  return { baseUrl: backend.baseUrl, origin: options.origin, results, passed: results.every((result) => result.outcome !== 'fail') };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `no answer: ${cause?.code ?? cause?.message ?? error.message}`;
}

const marks = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;

/** The report as text for a terminal or a CI log: one line per case, then what broke. */
export function formatReport(report: ConformanceReport): string {
  const lines = [`signaal-conformance against ${report.baseUrl}${report.origin ? ` from ${report.origin}` : ''}`, ''];
  for (const result of report.results) {
    lines.push(`${marks[result.outcome]}  ${result.id}: ${result.title}`);
    for (const problem of result.problems) lines.push(`        ${result.outcome === 'skip' ? '' : '- '}${problem}`);
    for (const note of result.notes) lines.push(`        (${note})`);
  }
  const count = (outcome: CaseResult['outcome']) => report.results.filter((result) => result.outcome === outcome).length;
  const failed = report.results.filter((result) => result.outcome === 'fail').map((result) => result.id);
  lines.push(
    '',
    `${report.results.length} case${report.results.length === 1 ? '' : 's'}: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`,
  );
  lines.push(report.passed ? 'The backend holds to the Signaal contract in every case that ran.' : `Failed: ${failed.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
