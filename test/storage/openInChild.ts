import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/storage/openDatabase.js';

// A separate process opening the SQLite store in DATA_DIR (argv[2]), as a second instance would,
// at the moment argv[3] (epoch ms) so that siblings start together: prints the ids it applied.
await sleep(Math.max(0, Number(process.argv[3]) - Date.now()));
const handle = await openDatabase({ DATA_DIR: process.argv[2] ?? '', DATABASE_URL: undefined });
process.stdout.write(JSON.stringify(handle.appliedMigrations));
await handle.close();
