/**
 * `npm run hash-key -- <name> <role> [key|-]` (or `node dist/cli/hash-key.js …` in the image, where
 * tsx is not installed) prints a VENDORGRAPH_API_KEYS entry. Without a key it
 * generates one (256 random bits) and prints it once; `-` reads the key from standard input so it
 * stays out of the shell history. The gateway stores only the entry (the key's SHA-256).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashApiKey } from '../security/auth.js';
import { isRole, ROLES } from '../security/roles.js';

const [name, role, given] = process.argv.slice(2);
if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || !isRole(role)) {
  process.stderr.write(
    `usage: npm run hash-key -- <name> <${ROLES.join('|')}> [key|-]\n  name: 1-64 of A-Z a-z 0-9 . _ -\n`,
  );
  process.exit(2);
}
const key = given === '-' ? readFileSync(0, 'utf8').trim() : (given ?? `vg_${randomBytes(32).toString('base64url')}`);
if (!/^[\x21-\x7e]{16,512}$/.test(key)) {
  process.stderr.write('a key is 16 to 512 printable ASCII characters without spaces\n');
  process.exit(2);
}
if (!given) process.stdout.write(`key (give it to the client; it is not stored anywhere): ${key}\n`);
process.stdout.write(`VENDORGRAPH_API_KEYS entry: ${name}:${role}:${hashApiKey(key)}\n`);
