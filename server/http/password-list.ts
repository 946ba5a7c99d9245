/** The shipped list of the 10,000 most common passwords (server/accounts/common-passwords.txt), read once. */
import { readFileSync } from 'node:fs';

let cached: ReadonlySet<string> | undefined;

export function commonPasswords(): ReadonlySet<string> {
  cached ??= new Set(
    readFileSync(new URL('../accounts/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.toLowerCase()),
  );
  return cached;
}
