/**
 * TEST-ONLY child process for the run-lease test: opens the store on DATABASE_URL (schema in argv[2]),
 * starts a run, prints `started <id>` and waits to be killed. It never finishes its run, like a sync
 * whose process was SIGKILLed.
 */
import { openStore } from '../open-store.js';

const store = await openStore({ databaseUrl: process.env['DATABASE_URL'] ?? '', schema: process.argv[2] });
const run = await store.startRun('killed-child', { pid: process.pid });
process.stdout.write(`started ${run.id}\n`);
setInterval(() => undefined, 60_000);
