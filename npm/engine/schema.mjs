// Standard Schema (standardschema.dev, version 1) objects for the create
// and update rules, so that form libraries that take any Standard Schema
// use the server's rules with no adapter. An issue's path is the
// detail's field ("tags[3]" is ["tags", 3], "custom_fields.plan" is
// ["custom_fields", "plan"]); a detail on base has none.
import { validateCreate, validateUpdate } from "./index.mjs";

const vendor = "contactrules";

// path returns a detail's field as a Standard Schema path.
export function path(field) {
  if (field === "base") return undefined;
  const tag = /^tags\[([0-9]+)\]$/.exec(field);
  if (tag) return ["tags", Number(tag[1])];
  if (field.startsWith("custom_fields.")) return ["custom_fields", field.slice("custom_fields.".length)];
  return [field];
}

function schema(check, text) {
  return Object.freeze({
    "~standard": Object.freeze({
      version: 1,
      vendor,
      validate(value) {
        const r = check(value);
        if (r.ok) return { value };
        return {
          issues: r.error.details.map((d) => {
            const p = path(d.field);
            const message = text ? text(d) : d.message;
            return p ? { message, path: p } : { message };
          }),
        };
      },
    }),
  });
}

/**
 * makeCreateSchema returns a Standard Schema of create bodies under a
 * policy; text, when given, turns a detail into the issue's message (a
 * localized text, say), else the issue carries the wire message.
 */
export function makeCreateSchema({ policy, text } = {}) {
  return schema((value) => validateCreate(value, policy), text);
}

/** The Standard Schema of create bodies under the default policy. */
export const createSchema = /* @__PURE__ */ makeCreateSchema();

/** updateSchema returns the Standard Schema of patches to the contact current. */
export function updateSchema(current, { policy, text } = {}) {
  return schema((value) => validateUpdate(current, value, policy), text);
}
