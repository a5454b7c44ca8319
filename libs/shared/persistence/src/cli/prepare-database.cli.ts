import { redactUrl } from '@tradeflow/shared/config';
import { ensureDatabase } from '../database';

// `npm run db:prepare`: creates the tradeflow database if missing. Each service migrates its own schema at start.
const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/tradeflow';
ensureDatabase(url)
  .then((created) =>
    console.log(
      `[db] ${created ? 'created' : 'found'} ${new URL(url).pathname.slice(1)} at ${new URL(url).host}`,
    ),
  )
  .catch((error: Error) => {
    console.error(`[db] DATABASE_URL: cannot prepare ${redactUrl(url)}: ${error.message}`);
    process.exit(1);
  });
