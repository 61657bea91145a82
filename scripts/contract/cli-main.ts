import { parseArgs } from 'node:util';
import { PROVIDER_IDS } from './checks/index.js';
import { runContract } from './runner.js';

const USAGE = `npm run contract -- --provider <${PROVIDER_IDS.join('|')}|all> [--base-url URL] [--credentials FILE] [--allow-send --to PHONE] [--record] [--drift]

  --provider     one provider id, a comma-separated list, or all
  --base-url     the provider's API base URL (e.g. https://app.washeej.com/external-api); default: a simulator the
                 kit starts itself, with an isolated account. With --base-url only read-only checks run
  --simulator-url  root of a simulator already running (e.g. http://127.0.0.1:4010): like the default, on it
  --credentials  JSON file: the provider's credentials ({"clientId","clientSecret"} for washeej/wutt,
                 {"apiKey"} for watsal, wessaal, wamessenger), or {"<provider>": {...}} per provider
  --to           with --allow-send: the phone number live sends go to (yours; for Washeej/Wutt free-form text
                 one that wrote to the account within 24 h); without it live send checks are skipped
  --allow-send   against --base-url also run checks that send (cost money, reach phones), write and delete
  --record       save every live answer under test/fixtures/<provider>/recorded/ (redacted) and write
                 reports/contract-drift.md: where the simulator differs from them
  --drift        write reports/contract-drift.md from the recorded fixtures already there
  --reports DIR  where contract-junit.xml goes (default reports/)
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The command line of the contract kit: parses `args`, runs, and answers the exit code (0 pass, 1 a check failed,
 * 2 the command was wrong). Kept apart from the process so tests run it as users do, flags and all.
 */
export async function contractCli(args: string[], io: CliIo): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    io.err(`contract: ${messageOf(error)}\n\n${USAGE}`);
    return 2;
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      provider: { type: 'string' },
      'base-url': { type: 'string' },
      'simulator-url': { type: 'string' },
      credentials: { type: 'string' },
      to: { type: 'string' },
      'allow-send': { type: 'boolean', default: false },
      record: { type: 'boolean', default: false },
      drift: { type: 'boolean', default: false },
      reports: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help || !values.provider) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.record && !values['base-url']) {
    io.err('--record saves live answers: give --base-url and --credentials\n');
    return 2;
  }
  const report = await runContract({
    provider: values.provider,
    baseUrl: values['base-url'],
    simulatorUrl: values['simulator-url'],
    credentialsFile: values.credentials,
    to: values.to,
    allowSend: values['allow-send'],
    record: values.record,
    drift: values.drift,
    reportsDir: values.reports,
    log: (line) => io.out(`${line}\n`),
  });
  return report.ok ? 0 : 1;
}

/** parseArgs throws a TypeError from Node's own realm, so `instanceof Error` is not the test. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
