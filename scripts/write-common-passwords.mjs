#!/usr/bin/env node
// Writes server/accounts/common-passwords.txt: the 10,000 most common passwords, most common
// first, from @zxcvbn-ts/language-common (MIT; its passwords.json is zxcvbn's list ranked by
// frequency in Mark Burnett's / Xato's 10 million password corpus). `npm run common-passwords`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pkg = require('@zxcvbn-ts/language-common/package.json');
const list = JSON.parse(readFileSync(require.resolve('@zxcvbn-ts/language-common/src/passwords.json'), 'utf8'));
const top = list.slice(0, 10_000);
const header = [
  `# The 10,000 most common passwords, most common first, one a line (lines starting with # are comments).`,
  `# Source: npm @zxcvbn-ts/language-common@${pkg.version} src/passwords.json (first 10,000 of ${list.length}), licence MIT,`,
  `# https://github.com/zxcvbn-ts/zxcvbn; zxcvbn's ranking of Mark Burnett's (Xato) 10 million password corpus.`,
  `# Regenerate with: npm run common-passwords`,
];
writeFileSync(fileURLToPath(new URL('../server/accounts/common-passwords.txt', import.meta.url)), `${[...header, ...top].join('\n')}\n`);
console.log(`wrote ${top.length} passwords`);
