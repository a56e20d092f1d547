// The oracle of phone's AsYouType differential test (asyoutype_diff_test.go).
// It reads one case a line on stdin, a JSON array [region, keystrokes...],
// types the keystrokes into libphonenumber-js's AsYouType for that region
// ("" for none), one input() call each, and writes a line with the JSON
// array of what each call returned. A line ["#formats", region] asks
// instead for the region's national prefix and formats as
// libphonenumber-js's metadata has them, for telling a difference of
// metadata from one of code.
import { AsYouType, Metadata } from 'libphonenumber-js'
import { createInterface } from 'node:readline'

const metadata = new Metadata()
const out = []
for await (const line of createInterface({ input: process.stdin })) {
  if (line === '') continue
  const [region, ...keys] = JSON.parse(line)
  if (region === '#formats') {
    if (!metadata.hasCountry(keys[0])) {
      out.push('null')
    } else {
      metadata.selectNumberingPlan(keys[0])
      const plan = metadata.numberingPlan
      out.push(JSON.stringify([plan.nationalPrefix() || '', ...plan.formats().map((f) =>
        [f.pattern(), f.format(), f.leadingDigitsPatterns(), f.nationalPrefixFormattingRule() || '', f.internationalFormat()].join(' | '))]))
    }
  } else {
    const t = new AsYouType(region || undefined)
    out.push(JSON.stringify(keys.map((k) => t.input(k))))
  }
  if (out.length >= 1000) {
    process.stdout.write(out.join('\n') + '\n')
    out.length = 0
  }
}
process.stdout.write(out.length ? out.join('\n') + '\n' : '')
