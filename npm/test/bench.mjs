// The package's whole-contact check, from both entries, against
// libphonenumber-js's isValidPhoneNumber on the same contact's number, in
// one Node.js process: the JavaScript engine (the default entry), the
// WebAssembly build (contactrules/wasm) and libphonenumber-js measured in
// the same run, rounds interleaved so that a busy machine slows them
// alike.
//
//   node npm/test/bench.mjs [WASM_DIR]   # default npm/wasm, after bash wasm/build.sh
//
// It prints one line per measurement (median of the rounds, in CPU µs a
// call) and the ratios the package promises: the engine's validateCreate
// on the typical contact at most 0.2 of isValidPhoneNumber's time with max
// metadata (the one as strict as ours), the wasm entry's at most 0.5 of
// isValidPhoneNumber's with min metadata. Exits 1 when either does not
// hold. CONTACTRULES_BENCH_ROUNDS sets the rounds.
import { isValidPhoneNumber as isValidMin, parsePhoneNumber as parseMin, AsYouType as LibAsYouType } from "libphonenumber-js/min";
import { isValidPhoneNumber as isValidMax } from "libphonenumber-js/max";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as engine from "../engine/index.mjs";
import { advise } from "../engine/advice.mjs";
import { AsYouType } from "../engine/asyoutype.mjs";

const wasmDir = resolve(process.argv[2] ?? fileURLToPath(new URL("../wasm", import.meta.url)));
if (!existsSync(resolve(wasmDir, "contactrules.wasm"))) {
  console.error(`${wasmDir} holds no contactrules.wasm: build it first (bash wasm/build.sh)`);
  process.exit(2);
}
const { load } = await import(pathToFileURL(resolve(wasmDir, "contactrules.mjs")).href);
const wasm = await load();

// The typical contact of bench/ (email, phone, names, 2 tags, 3 custom
// fields, both consents), as an object, as JSON text and as bytes.
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

const MIN = "libphonenumber-js isValidPhoneNumber (min metadata)";
const MAX = "libphonenumber-js isValidPhoneNumber (max metadata)";
const cases = {
  [MIN]: () => isValidMin(typical.phone_number),
  [MAX]: () => isValidMax(typical.phone_number),
};
// The same calls on both entries: they give the same answers.
for (const [entry, rules] of [["engine", engine], ["wasm", wasm]]) {
  Object.assign(cases, {
    [`${entry} validateCreate(object)`]: () => rules.validateCreate(typical).ok,
    [`${entry} validateCreate(JSON text)`]: () => rules.validateCreate(typicalText).ok,
    [`${entry} validateCreate(bytes)`]: () => rules.validateCreate(typicalBytes).ok,
    [`${entry} validateCreate(object, policy)`]: () => rules.validateCreate(typical, gbPolicy).ok,
    [`${entry} validateUpdate(stored, patch)`]: () => rules.validateUpdate(stored, patch).ok,
    [`${entry} normalizePhone`]: () => rules.normalizePhone("(201) 555-0123", "US").ok,
  });
}
Object.assign(cases, {
  "wasm raw.validateCreate(JSON text)": () => wasm.raw.validateCreate(typicalText).length > 0,
  "engine advise(object), nothing to advise": () => advise(typical).length === 0,
  "engine advise(object), a typo (jane.doe@gmial.com)": () => advise({ ...typical, email: "jane.doe@gmial.com" }).length === 1,
});
// The phone formatting beside libphonenumber-js's: the national form of
// the typical number, and the display after each of its ten keys typed
// in the US (a new formatter each time).
const LIB_FORMAT = "libphonenumber-js parsePhoneNumber + formatNational (min metadata)";
const LIB_TYPE = "libphonenumber-js AsYouType (min metadata), 10 keys";
const typeAll = (ayt) => {
  let shown = "";
  for (const key of "2015550123") shown = ayt.input(key);
  return shown === "(201) 555-0123";
};
Object.assign(cases, {
  [LIB_FORMAT]: () => parseMin(typical.phone_number).formatNational() === "(201) 555-0123",
  "engine formatPhone(NATIONAL)": () => engine.formatPhone(typical.phone_number, "NATIONAL") === "(201) 555-0123",
  [LIB_TYPE]: () => typeAll(new LibAsYouType("US")),
  "engine AsYouType, 10 keys": () => typeAll(new AsYouType("US")),
});

for (const [name, fn] of Object.entries(cases)) {
  if (!fn()) throw new Error(`${name}: the typical contact is not valid`);
}

// Each round runs every case for about 20 ms. Times are the process's CPU
// time (process.cpuUsage), which another busy process inflates less than
// the clock. A ratio is the median of the ratios within a round.
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
const targets = [
  ["engine validateCreate(object)", MAX, 0.2],
  ["engine validateCreate(object)", MIN, Infinity],
  ["wasm validateCreate(object)", MIN, 0.5],
  ["wasm validateCreate(object)", MAX, Infinity],
  ["engine formatPhone(NATIONAL)", LIB_FORMAT, Infinity],
  ["engine AsYouType, 10 keys", LIB_TYPE, Infinity],
];
let missed = false;
for (const [ours, theirs, target] of targets) {
  const r = ratio(ours, theirs);
  const within = r <= target;
  missed ||= !within;
  const goal = target === Infinity ? "" : `; target at most ${target}${within ? "" : ": MISSED"}`;
  console.log(`ratio: ${ours} / ${theirs} = ${r.toFixed(3)}${goal}`);
}
console.log(`median of ${rounds} rounds`);
process.exitCode = missed ? 1 : 0;
