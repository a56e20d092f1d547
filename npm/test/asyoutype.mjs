// The differential test of AsYouType (driven by go test ./npm): each case
// of CASES (NDJSON, written by npm/asyoutype_test.go) is a number typed a
// key at a time in a region, with what the Go package phone's AsYouType
// shows after each key and its Number at the end; the engine's must show
// the same. Stops at the first difference.
//
//   node test/asyoutype.mjs CASES
import { readFileSync } from "node:fs";
import { AsYouType } from "../engine/asyoutype.mjs";

let cases = 0,
  keys = 0;
for (const line of readFileSync(process.argv[2], "utf8").split("\n")) {
  if (line === "") continue;
  const c = JSON.parse(line);
  const a = new AsYouType(c.region);
  for (let i = 0; i < c.keys.length; i++) {
    const got = a.input(c.keys[i]);
    if (got !== c.want[i]) {
      console.error(
        `AsYouType(${JSON.stringify(c.region)}) after ${JSON.stringify(c.keys.slice(0, i + 1).join(""))}: Go shows ${JSON.stringify(c.want[i])}; the engine ${JSON.stringify(got)}`,
      );
      process.exit(1);
    }
    keys++;
  }
  const n = a.number();
  const got = n === null ? "" : `${n.e164} ${n.region}`;
  if (got !== c.number) {
    console.error(`AsYouType(${JSON.stringify(c.region)}).number() after ${JSON.stringify(c.keys.join(""))}: Go gives ${JSON.stringify(c.number)}; the engine ${JSON.stringify(got)}`);
    process.exit(1);
  }
  // reset forgets it all: the number typed again shows the same.
  a.reset();
  if (c.keys.map((k) => a.input(k)).join("\n") !== c.want.join("\n")) {
    console.error(`AsYouType(${JSON.stringify(c.region)}): typed again after reset, ${JSON.stringify(c.keys.join(""))} shows otherwise`);
    process.exit(1);
  }
  cases++;
}
console.log(`same display after ${keys} keystrokes of ${cases} typings`);
