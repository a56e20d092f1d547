// compare.mjs reads email addresses, one a line, on standard input and
// writes, for each, a line with the suggestions of mailcheck and of
// @zootools/email-spell-checker (a maintained fork), first each with its
// own defaults, then each given the 100 most used mailbox domains
// (email-misspelled's top100, the list of advice's corpus) as its
// domains; tab-separated, an empty field meaning no suggestion.
// go test ./advice runs it (TestCorpus) on the corpus it makes.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import emailSpellChecker from '@zootools/email-spell-checker';
import { top100 } from 'email-misspelled';

const require = createRequire(import.meta.url);
const Mailcheck = require('mailcheck');

function mailcheck(email, domains) {
  let m = null;
  Mailcheck.run({ email, domains, suggested: (s) => { m = s; }, empty: () => {} });
  return m ? m.full : '';
}

function fork(email, domains) {
  const z = emailSpellChecker.run(domains ? { email, domains } : { email });
  return z ? z.full : '';
}

const lines = readFileSync(0, 'utf8').split('\n');
if (lines.at(-1) === '') lines.pop();
const out = [];
for (const email of lines) {
  out.push([mailcheck(email), fork(email), mailcheck(email, top100), fork(email, top100)].join('\t'));
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
