// Static secrets check (npm test): every tracked text file is searched for credentials in the formats their
// issuers use — cloud and API keys, tokens, private keys. The local stack's development secrets (defaults.env,
// the realm file) are plain words, not such formats, and stay allowed. A line that must keep a look-alike (a
// test fixture of the scanner's patterns, say) carries `secrets-check: allow`. Passwords inside connection URLs
// are not searched: the production-guard tests are full of made-up ones, and production takes every URL with a
// password from the secrets manager (the chart's secretKeys; deploy/check refuses secret values in rendered values).
// Usage: node platform/stack/bin/secrets-check.mjs [repo root]; exits 1 and prints file:line per finding.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PATTERNS = [
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['private key', /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['Stripe live key', /\b(sk|rk)_live_[0-9a-zA-Z]{16,}\b/],
  ['Stripe webhook secret', /\bwhsec_[0-9a-zA-Z]{32,}\b/],
  ['GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/],
  ['Slack token', /\bxox[baprs]-[0-9A-Za-z-]{10,}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
];
const ALLOW = 'secrets-check: allow';
const BINARY = /\.(png|jpe?g|gif|webp|ico|woff2?|ttf|eot|pdf|zip|gz|tgz|jar)$/i;

const root = process.argv[2] ?? process.cwd();
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  .split('\0')
  .filter((file) => file && !BINARY.test(file) && file !== 'pnpm-lock.yaml');

const findings = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // listed but absent (a deletion not yet committed)
  }
  if (text.includes('\0')) continue;
  text.split('\n').forEach((line, index) => {
    if (line.includes(ALLOW)) return;
    for (const [kind, pattern] of PATTERNS)
      if (pattern.test(line)) findings.push(`${file}:${index + 1}: ${kind}`);
  });
}
for (const finding of findings) console.error(finding);
console.log(`secrets-check: ${files.length} files, ${findings.length} findings`);
process.exit(findings.length === 0 ? 0 : 1);
