// compare.mjs reads email addresses, one a line, on standard input and
// writes, for each, a line with the suggestion of mailcheck and that of
// @zootools/email-spell-checker (a maintained fork), each with its
// defaults, separated by a tab; an empty field means no suggestion.
// go test ./advice runs it (TestCorpus) on the corpus it makes.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import emailSpellChecker from '@zootools/email-spell-checker';

const require = createRequire(import.meta.url);
const Mailcheck = require('mailcheck');

const lines = readFileSync(0, 'utf8').split('\n');
if (lines.at(-1) === '') lines.pop();
const out = [];
for (const email of lines) {
  let m = null;
  Mailcheck.run({ email, suggested: (s) => { m = s; }, empty: () => {} });
  const z = emailSpellChecker.run({ email });
  out.push(`${m ? m.full : ''}\t${z ? z.full : ''}`);
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
