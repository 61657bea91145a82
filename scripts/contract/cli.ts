import { contractCli } from './cli-main.js';

// `npm run contract -- ...`: see cli-main.ts for the flags.
process.exitCode = await contractCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
