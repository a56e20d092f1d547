// The engine's whole-contact check against libphonenumber-js's
// isValidPhoneNumber on the same contact's number, in one Node.js process
// (CPU time, rounds interleaved, median of the rounds; as wasm/test's
// bench). The package promises validateCreate on the typical contact at
// most 0.2 of isValidPhoneNumber's time with max metadata, the one as
// strict as ours; exits 1 when that ratio does not hold.
// CONTACTRULES_BENCH_ROUNDS sets the rounds.
//
//   node test/bench.mjs
import { isValidPhoneNumber as isValidMin } from "libphonenumber-js/min";
import { isValidPhoneNumber as isValidMax } from "libphonenumber-js/max";
import { validateCreate, validateUpdate } from "../engine/index.mjs";
import { advise } from "../engine/advice.mjs";

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
const typicalBytes = new TextEncoder().encode(typicalText);
const stored = { id: "c_1", email: "jane.doe@example.com", email_consent: "subscribed", sms_consent: "never_subscribed" };
const patch = { phone_number: "+12015550123", sms_consent: "subscribed" };
const gbPolicy = { smsRegions: ["US", "CA", "GB"] };

const cases = {
  "libphonenumber-js isValidPhoneNumber (min metadata)": () => isValidMin(typical.phone_number),
  "libphonenumber-js isValidPhoneNumber (max metadata)": () => isValidMax(typical.phone_number),
  "validateCreate(object)": () => validateCreate(typical).ok,
  "validateCreate(JSON text)": () => validateCreate(typicalText).ok,
  "validateCreate(bytes)": () => validateCreate(typicalBytes).ok,
  "validateCreate(object, policy)": () => validateCreate(typical, gbPolicy).ok,
  "validateUpdate(stored, patch)": () => validateUpdate(stored, patch).ok,
  "advise(object), nothing to advise": () => advise(typical).length === 0,
  "advise(object), a typo (jane.doe@gmial.com)": () => advise({ ...typical, email: "jane.doe@gmial.com" }).length === 1,
};

for (const [name, fn] of Object.entries(cases)) {
  if (!fn()) throw new Error(`${name}: the typical contact is not valid`);
}

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
const ratio = (ours, theirs) => median(times[names.indexOf(ours)].map((t, r) => t / times[names.indexOf(theirs)][r]));
const max = ratio("validateCreate(object)", "libphonenumber-js isValidPhoneNumber (max metadata)");
const min = ratio("validateCreate(object)", "libphonenumber-js isValidPhoneNumber (min metadata)");
console.log(`ratio: validateCreate(object) / isValidPhoneNumber = ${max.toFixed(3)} (max metadata; target at most 0.2), ${min.toFixed(3)} (min metadata); median of ${rounds} rounds`);
process.exitCode = max <= 0.2 ? 0 : 1;
