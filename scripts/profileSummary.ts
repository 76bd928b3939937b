// Prints where a CPU profile's time went: `npx tsx scripts/profileSummary.ts FILE.cpuprofile [TOP]` (TOP 15).
// Lines in dist/portal/server.js are named by the source file they were bundled from, as the bundle is now.
import { readFileSync } from 'node:fs';
import { selfTimeReport, type CpuProfile } from './bench/profile.ts';

const [file, top = '15'] = process.argv.slice(2);
if (!file || !/^\d+$/.test(top)) {
  console.error('usage: npx tsx scripts/profileSummary.ts FILE.cpuprofile [TOP]');
  process.exit(2);
}
console.log(selfTimeReport(file, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top)));
