// The browser module's whole-contact check against libphonenumber-js's
// isValidPhoneNumber on the same contact's number, in one Node.js process.
//
//   node bench.mjs [DIST_DIR]        # default ../dist (after wasm/build.sh)
//
// It prints one line per measurement (median of several rounds, in µs a
// call) and the ratio the package promises: validateCreate on the typical
// contact takes at most half the time of isValidPhoneNumber. Exits 1 when
// that ratio does not hold. CONTACTRULES_BENCH_ROUNDS sets the rounds.
import { isValidPhoneNumber } from "libphonenumber-js";
import { isValidPhoneNumber as isValidPhoneNumberMax } from "libphonenumber-js/max";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const dist = resolve(process.argv[2] ?? new URL("../dist", import.meta.url).pathname);
const { load } = await import(pathToFileURL(resolve(dist, "contactrules.mjs")).href);
const rules = await load();

// The typical contact of bench/ (email, phone, names, 2 tags, 3 custom
// fields, both consents), as an object and as JSON text.
const typical = {
  email: "jane.doe@example.com",
  phone_number: "+12015550123",
  first_name: "Jane",
  last_name: "Doe",
  tags: ["vip", "newsletter"],
  custom_fields: { plan: "pro", seats: 12, trial: false },
  email_consent: "subscribed",
  sms_consent: "subscribed",
};
const typicalText = JSON.stringify(typical);
const stored = { id: "c_1", email: "jane.doe@example.com", email_consent: "subscribed", sms_consent: "never_subscribed" };
const patch = { phone_number: "+12015550123", sms_consent: "subscribed" };
const gbPolicy = { smsRegions: ["US", "CA", "GB"] };

const cases = {
  "libphonenumber-js isValidPhoneNumber (min metadata)": () => isValidPhoneNumber(typical.phone_number),
  "libphonenumber-js/max isValidPhoneNumber": () => isValidPhoneNumberMax(typical.phone_number),
  "validateCreate(object)": () => rules.validateCreate(typical).ok,
  "validateCreate(JSON text)": () => rules.validateCreate(typicalText).ok,
  "validateCreate(object, policy)": () => rules.validateCreate(typical, gbPolicy).ok,
  "raw.validateCreate(JSON text)": () => rules.raw.validateCreate(typicalText).length > 0,
  "validateUpdate(stored, patch)": () => rules.validateUpdate(stored, patch).ok,
  "normalizePhone": () => rules.normalizePhone("(201) 555-0123", "US").ok,
};

for (const [name, fn] of Object.entries(cases)) {
  if (!fn()) {
    throw new Error(`${name}: the typical contact is not valid`);
  }
}

// Rounds alternate between the cases, so that a busy machine slows them
// alike; each round runs a case for about 20 ms. Times are the process's
// CPU time (process.cpuUsage), which another busy process inflates less
// than the clock. The ratio is the median of the ratios within a round.
const now = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function calibrate(fn) {
  let n = 1;
  for (let t = 0; t < 20; n *= 2) {
    const start = now();
    for (let i = 0; i < n; i++) fn();
    t = now() - start;
  }
  return n;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const rounds = Number(process.env.CONTACTRULES_BENCH_ROUNDS) || 15;
const names = Object.keys(cases);
const loops = names.map((name) => calibrate(cases[name]));
const times = names.map(() => []);
for (let r = 0; r < rounds; r++) {
  names.forEach((name, k) => {
    const fn = cases[name];
    const n = loops[k];
    const start = now();
    for (let i = 0; i < n; i++) fn();
    times[k].push(((now() - start) * 1000) / n);
  });
}
names.forEach((name, k) => {
  console.log(`${median(times[k]).toFixed(3).padStart(9)} CPU µs/call (fastest round ${Math.min(...times[k]).toFixed(3)})  ${name}`);
});
const ours = times[names.indexOf("validateCreate(object)")];
const theirs = times[names.indexOf("libphonenumber-js isValidPhoneNumber (min metadata)")];
const ratio = median(ours.map((t, r) => t / theirs[r]));
console.log(`ratio: validateCreate(object) / isValidPhoneNumber = ${ratio.toFixed(3)} (median of ${rounds} rounds; target at most 0.5)`);
process.exitCode = ratio <= 0.5 ? 0 : 1;
