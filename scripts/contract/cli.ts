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

async function main(): Promise<number> {
  const { values } = parseArgs({
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
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.record && !values['base-url']) {
    process.stderr.write('--record saves live answers: give --base-url and --credentials\n');
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
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return report.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`contract: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
  },
);
