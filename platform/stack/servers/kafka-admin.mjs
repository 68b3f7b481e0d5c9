// Readiness check and topic provisioning for servers/kafka.sh. A real metadata round trip proves the
// broker serves clients, which an open TCP port does not (KRaft accepts connections before it has a leader).
//   node kafka-admin.mjs ready <brokers>
//   node kafka-admin.mjs provision <brokers> <topics-file>
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { Admin } from '@platformatic/kafka';

function parseTopics(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, partitions] = line.split(/\s+/);
      const count = Number(partitions);
      if (!name || !Number.isInteger(count) || count < 1) throw new Error(`bad topic line: "${line}"`);
      return { name, partitions: count };
    });
}

async function provision(admin, file) {
  const existing = new Set(await admin.listTopics());
  for (const topic of parseTopics(file)) {
    if (existing.has(topic.name)) continue;
    await admin.createTopics({ topics: [topic.name], partitions: topic.partitions, replicas: 1 });
    process.stderr.write(`[stack] kafka: created topic ${topic.name}, partitions: ${topic.partitions}\n`);
  }
}

async function main() {
  const [command, brokers, file] = process.argv.slice(2);
  if (!brokers || (command !== 'ready' && command !== 'provision')) {
    throw new Error('usage: kafka-admin.mjs ready|provision <brokers> [topics-file]');
  }
  const admin = new Admin({
    clientId: 'marketplace-stack',
    bootstrapBrokers: brokers.split(','),
    connectTimeout: 2000,
    timeout: 10000,
    retries: command === 'ready' ? false : 3,
  });
  try {
    if (command === 'ready') await admin.metadata({ topics: [] });
    else await provision(admin, file);
  } finally {
    await admin.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
