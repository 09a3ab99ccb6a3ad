import { asUsageError, describeFailure, exitCodeOf } from './cli-errors.ts';

const USAGE = `Usage: uam [command]

Commands:
  serve                     start the API and web app (and in-process workers in embedded mode)
  worker                    run a background worker (needs DATABASE_URL and REDIS_URL)
  migrate                   apply database migrations
  create-admin --email E    create an admin account (or promote an existing one)
  ingest FILE [--project P] print the inferred schema of FILE (with --project: upload it there)
  help [command]            show this help, or a command's (\`uam ingest --help\`)

Without a command, \`uam\` runs \`serve\`.
Configuration comes from environment variables; see docs/configuration.md.`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
    case undefined:
      return (await import('./serve.ts')).serveCommand();
    case 'worker': {
      const { runWorker } = await import('./worker.ts');
      const { parseConfig } = await import('../config/config.ts');
      const { createLogger } = await import('../logger.ts');
      const config = parseConfig(process.env);
      await runWorker(config, createLogger(config.LOG_LEVEL));
      return;
    }
    case 'migrate':
      return (await import('./migrate.ts')).migrateCommand();
    case 'create-admin':
      return (await import('./create-admin.ts')).createAdminCommand(rest);
    case 'ingest':
      stopOnClosedStdout();
      return (await import('./ingest.ts')).ingestCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      // `uam help ingest` is the same as `uam ingest --help`; other commands have no own help.
      if (rest[0] === 'ingest') return (await import('./ingest.ts')).ingestCommand(['--help']);
      console.log(USAGE);
      return;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      process.exit(2);
  }
}

/**
 * `uam ingest big.csv | head` closes stdout early; that is the reader saying "enough", not a
 * failure worth a stack trace. Only for commands that print reports: the server's log stream
 * keeps Node's default.
 */
function stopOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

main(process.argv.slice(2)).catch((e: unknown) => {
  // Typed errors (bad config, bad arguments, a bad file) are the user's to fix: code and
  // message only, no stack. A parseArgs error from any command is a usage mistake (exit 2).
  const err = asUsageError(e, 'uam');
  console.error(describeFailure(err));
  process.exit(exitCodeOf(err));
});
