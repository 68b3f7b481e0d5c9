import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * A one-time secret an event must carry to the single service that acts on it (the invitation accept token that
 * notifications e-mails): AES-256-GCM under a key only producer and that consumer hold, so the outbox, Kafka,
 * its retention and every other consumer see ciphertext. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
const keyOf = (secret: string) => createHash('sha256').update(secret).digest();

export function sealSecret(plaintext: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plaintext, or an error when the value was not sealed with this key or was altered. */
export function openSealedSecret(sealed: string, key: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(key), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
