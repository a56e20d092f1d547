// The Standard Schema objects through a real consumer library from npm,
// TanStack Form's core (npm/standard_schema_test.go runs it): the form
// takes createSchema and updateSchema as validators with no adapter, and
// puts each detail on its field.
import assert from "node:assert/strict";
import { FormApi } from "@tanstack/form-core";
import { createSchema, updateSchema, makeCreateSchema } from "../engine/index.mjs";

const form = new FormApi({
  defaultValues: { email: "Jane <jane@example.com>", tags: ["", "ok"], first_name: "Jane" },
  validators: { onSubmit: createSchema },
});
form.mount();
await form.handleSubmit();
assert.deepEqual(form.getFieldMeta("email").errors, [{ message: "must be a valid email address", path: ["email"] }]);
assert.deepEqual(form.getFieldMeta("tags[0]").errors, [{ message: "must be a non-empty string of at most 255 characters", path: ["tags", 0] }]);
assert.equal(form.getFieldMeta("first_name")?.errors?.length ?? 0, 0);

form.setFieldValue("email", "jane@example.com");
form.setFieldValue("tags", ["vip"]);
await form.handleSubmit();
assert.deepEqual(form.state.errors, [], "a valid contact leaves no error");

// An update that changes the stored email, with texts of the caller's own.
const patch = new FormApi({
  defaultValues: { email: "x@example.com" },
  validators: { onSubmit: updateSchema({ email: "jane@example.com" }, { text: (d) => `${d.field}: ${d.rule}` }) },
});
patch.mount();
await patch.handleSubmit();
assert.deepEqual(patch.getFieldMeta("email").errors, [{ message: "email: immutable", path: ["email"] }]);

// A policy's limits.
const small = new FormApi({ defaultValues: { email: "jane@example.com", tags: ["a", "b", "c"] }, validators: { onSubmit: makeCreateSchema({ policy: { maxTags: 2 } }) } });
small.mount();
await small.handleSubmit();
assert.deepEqual(small.getFieldMeta("tags").errors, [{ message: "must have at most 2 items", path: ["tags"] }]);
console.log("standard schema: TanStack Form takes createSchema, updateSchema and makeCreateSchema");
