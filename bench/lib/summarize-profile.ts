/**
 * The top frames by self time of saved .cpuprofile files, as the benches summarize them:
 *   node -r @marketplace/ts-register lib/summarize-profile.ts <requests> <name>=<file.cpuprofile>...
 */
import { readFileSync } from 'node:fs';
import { summarize } from './profiling';

const [requests, ...files] = process.argv.slice(2);
for (const argument of files) {
  const [name, file] = argument.split('=') as [string, string];
  console.log(summarize(name, JSON.parse(readFileSync(file, 'utf8')), Number(requests)));
}
