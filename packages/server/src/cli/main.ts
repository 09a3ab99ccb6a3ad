import { isUamError } from '../errors/index.ts';

const USAGE = `Usage: uam <command>

Commands:
  serve                     start the API and web app (and in-process workers in embedded mode)
  worker                    run a background worker (needs DATABASE_URL and REDIS_URL)
  migrate                   apply database migrations
  create-admin --email E    create an admin account (or promote an existing one)
  ingest FILE [--project P] print the inferred schema of FILE (with --project: upload it there)

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
      return (await import('./ingest.ts')).ingestCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // Typed errors (bad config, bad arguments) are the user's to fix: print the message only.
  if (isUamError(err)) console.error(`uam: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
