// Lints the OpenAPI document with Redocly's recommended rules, the
// OpenAPI 3.1 structure included, for TestOpenAPILints (openapi_test.go):
//
//   node lint.mjs OPENAPI_JSON
//
// It prints every problem, one a line ("severity rule: message at
// pointer"), and exits 1 when there is any: warnings count too.
import { lint, createConfig } from "@redocly/openapi-core";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node lint.mjs OPENAPI_JSON (run by go test ./schema)");
  process.exit(2);
}
const config = await createConfig({
  extends: ["recommended"],
  rules: {
    // The repository names no license, and the document does not invent one.
    "info-license": "off",
    // Examples are checked against the schemas as they are written: the
    // rule's default adds unevaluatedProperties: false to every subschema
    // (then: of sms_consent too), which is not what the schemas say.
    "no-invalid-media-type-examples": { severity: "error", allowAdditionalProperties: true },
  },
});
const problems = await lint({ ref: file, config });
for (const p of problems) {
  const where = p.location?.[0]?.pointer ?? "";
  console.log(`${p.severity} ${p.ruleId}: ${p.message} at ${where}`);
}
console.log(`${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
