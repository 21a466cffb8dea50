import { parseArgs } from 'node:util';
import { formatReport, runConformance } from './run.js';

const usage = `Usage: signaal-conformance <base-url> [--header 'Name: value']... [--origin URL] [--timeout MS] [--only ID,...]

Runs the Signaal contract's cases against the backend at <base-url> (the endpoint the widget is
configured with) and prints a report. Exit code 0 when every case holds, 1 when one fails, 2 when
the command is used wrongly.

  --header 'Name: value'  send this header on every request (repeatable), e.g. a gateway's key
  --origin URL            the origin of the page the widget runs on: sent as Origin, and the
                          CORS preflight case runs from it (skipped without it)
  --timeout MS            how long to wait for one answer (default 10000)
  --only ID,...           run only these cases (list create too for those that need its signal)

It stores a few test signals; each description starts with "[signaal-conformance] test signal,
ignore". Remove them in the inbox after the run.
`;

/** What the command does with its arguments; returns the exit code. */
export async function main(args: readonly string[], print: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        header: { type: 'string', multiple: true, default: [] },
        origin: { type: 'string' },
        timeout: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    print(`signaal-conformance: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(usage);
    return 0;
  }
  const problems: string[] = [];
  const [baseUrl, ...extra] = positionals;
  if (!baseUrl || !/^https?:\/\/[^/]/.test(baseUrl)) problems.push('give the backend as an http: or https: URL');
  if (extra.length > 0) problems.push(`one base URL only (also got ${extra.join(' ')})`);
  const headers: Record<string, string> = {};
  for (const header of values.header) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(header);
    if (match) headers[match[1]!.toLowerCase()] = match[2]!;
    else problems.push(`--header '${header}' is not 'Name: value'`);
  }
  let origin: string | undefined;
  if (values.origin !== undefined) {
    try {
      origin = new URL(values.origin).origin;
    } catch {
      problems.push(`--origin ${values.origin} is not a URL`);
    }
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) problems.push('--timeout takes a number of milliseconds');
  if (problems.length > 0 || !baseUrl) {
    print(`signaal-conformance: ${problems.join('; ')}\n\n${usage}`);
    return 2;
  }
  const only = values.only?.split(',').map((id) => id.trim());
  const report = await runConformance({
    baseUrl,
    headers,
    ...(origin ? { origin } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(only ? { only } : {}),
  });
  print(formatReport(report));
  return report.passed ? 0 : 1;
}
