/**
 * npm run bench: every bench, then the table of figures with each ratio and
 * goal; exits non-zero when a goal is missed. A quick profile by default
 * (100,000 activities for the reads); BENCH_SCALE=1m for the million-row
 * figures. Not part of npm test.
 *
 *   npm run bench
 *   BENCH_SCALE=1m npm run bench
 *   BENCHES=reads,papers npm run bench      (some of them)
 */
import { benchDemoStart } from './demo-start';
import { printResults, recordAbsolute } from './lib';
import { benchLoad } from './load';
import { benchPages } from './pages';
import { benchReads } from './reads';
import { benchReminders } from './reminders';
import { benchPapers } from './reports';
import { benchScaleOut } from './scale-out';

const BENCHES: Record<string, () => Promise<void>> = {
  reads: benchReads,
  pages: benchPages,
  papers: benchPapers,
  reminders: benchReminders,
  demo: benchDemoStart,
  'scale-out': benchScaleOut,
  load: benchLoad,
};

async function main(): Promise<void> {
  const chosen = process.env.BENCHES ? process.env.BENCHES.split(',') : Object.keys(BENCHES);
  for (const name of chosen) {
    if (!BENCHES[name]) throw new Error(`No bench named ${name}: ${Object.keys(BENCHES).join(', ')}`);
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    try {
      await BENCHES[name]();
    } catch (error) {
      console.error(error);
      recordAbsolute(`${name}: the bench itself`, `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 'runs', false);
    }
    console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  process.exit(printResults() ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
