package schema

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// OpenAPI returns the OpenAPI 3.1 document of the two operations under
// policy p: the create and update schemas as components, the stored
// contact a success returns, and the error envelope (docs/envelope.md)
// with the status of each code an operation can answer, the 422's
// details, the 409's id and the 429's Retry-After. Its examples are
// answers validate and errs give, not texts written beside them.
func OpenAPI(p validate.Policy) []byte {
	p = resolve(p)
	ref := func(name string) *obj { return newObj("$ref", "#/components/schemas/"+name) }
	body := func(schema string, examples *obj) *obj {
		return newObj("required", true, "content", newObj("application/json", newObj("schema", ref(schema), "examples", examples)))
	}
	post := newObj(
		"operationId", "createContact",
		"summary", "Create a contact",
		"description", "The body is judged by the rules of docs/create.md: the CreateContact schema says what JSON Schema can, and lists the rest in x-contactrules-unexpressed. "+
			"The body is at most "+strconv.Itoa(p.MaxBodyBytes)+" bytes.",
		"tags", []string{"contacts"},
		"requestBody", body("CreateContact", newObj("contact", newObj("summary", "A contact with email, phone and consent", "value", raw(createExample)))),
		"responses", responses(p, "201", "The contact is created", createInvalid, validate.Contact{}))
	patch := newObj(
		"operationId", "updateContact",
		"summary", "Update a contact",
		"description", "The patch is judged by the rules of docs/update.md: the UpdateContact schema says what JSON Schema can; "+
			"immutability, compliance suppression and the SMS country need the stored contact and are the server's. "+
			"The body is at most "+strconv.Itoa(p.MaxBodyBytes)+" bytes.",
		"tags", []string{"contacts"},
		"parameters", []any{newObj("name", "id", "in", "path", "required", true, "description", "The contact's id", "schema", newObj("type", "string"))},
		"requestBody", body("UpdateContact", newObj("patch", newObj("summary", "Subscribe the contact to SMS", "value", raw(updateExample)))),
		"responses", responses(p, "200", "The contact is updated", updateInvalid, updateCurrent))

	doc := newObj(
		"openapi", "3.1.0",
		"info", newObj(
			"title", "Contacts API",
			"version", "1",
			"description", "The contact endpoints of a marketing-contacts API, generated from the contactrules rule table (go generate ./schema), so that they cannot drift from what the server refuses. "+
				"Every failure is the error envelope; clients branch on the status, then on error.code, and retry only 429s after Retry-After."),
		"servers", []any{newObj("url", "/", "description", "The server that publishes this document (a relative URL: where the document is served from)")},
		"security", []any{newObj("bearer", []string{})},
		"tags", []any{newObj("name", "contacts", "description", "Create and update contacts")},
		"paths", newObj(
			"/v1/contacts", newObj("post", post),
			"/v1/contacts/{id}", newObj("patch", patch)),
		"components", newObj(
			"headers", rateLimitHeaderComponents(),
			"securitySchemes", newObj("bearer", newObj(
				"type", "http", "scheme", "bearer",
				"description", "An OAuth 2 access token (they live 2 hours) with the scope contacts_write.")),
			"schemas", newObj(
				"CreateContact", build(p, create, false),
				"UpdateContact", build(p, update, false),
				"Contact", contactSchema(),
				"Error", errorSchema(),
				"FieldError", fieldErrorSchema(p))))
	return document(doc)
}

// The operations' examples: a valid create and patch, and a body of each
// that validate refuses, whose details the 422 examples show.
const (
	createExample = `{"email":"ada.lovelace@example.com","phone_number":"+12015550123","first_name":"Ada","last_name":"Lovelace","tags":["newsletter"],"custom_fields":{"plan":"pro"},"email_consent":"subscribed","sms_consent":"subscribed"}`
	createInvalid = `{"email":"ada.lovelace@example","phone_number":"+1 201 555 0123","sms_consent":"subscribed","nickname":"Ada"}`
	updateExample = `{"phone_number":"+12025550143","sms_consent":"subscribed"}`
	updateInvalid = `{"email_consent":"yes","tags":[""],"created_at":"2024-01-01T00:00:00Z"}`
)

// updateCurrent is the stored contact of the update examples.
var updateCurrent = validate.Contact{Email: "ada.lovelace@example.com", EmailConsent: consent.EmailSubscribed, SMSConsent: consent.SMSNeverSubscribed}

// responses are an operation's: its success, then each error code it can
// answer, with the code's status and default message. The 422 example is
// validate's answer to invalid (a create when current is the zero
// Contact, else a patch of current).
func responses(p validate.Policy, status, success, invalid string, current validate.Contact) *obj {
	var details []errs.FieldError
	if current.Email == "" {
		_, _, details = validate.CreateJSON([]byte(invalid), p)
	} else {
		_, _, details = validate.UpdateJSON(current, []byte(invalid), p)
	}
	if details == nil {
		panic("schema: the 422 example is accepted")
	}
	codes := []errs.Code{errs.Unauthorized, errs.InsufficientScope, errs.Conflict, errs.ValidationFailed, errs.RateLimited}
	if status == "200" {
		codes = []errs.Code{errs.Unauthorized, errs.InsufficientScope, errs.NotFound, errs.Conflict, errs.ValidationFailed, errs.RateLimited}
	}
	out := newObj(status, newObj("description", success, "headers", rateLimitRefs(), "content", newObj("application/json", newObj("schema", newObj("$ref", "#/components/schemas/Contact")))))
	for _, c := range codes {
		e := errs.New(c)
		summary, description := c.Message(), ""
		switch c {
		case errs.ValidationFailed:
			e = errs.Validation(details)
			summary = "The details of an invalid body"
			description = "What the server answers to " + invalid
		case errs.Conflict:
			e = errs.ConflictWith("c_7f3a9")
			summary = "Another contact has this email or phone number: update that one instead"
		case errs.RateLimited:
			e = errs.RateLimitedFor(30 * time.Second)
		}
		r := newObj(
			"description", responseText[c],
			"headers", rateLimitRefs(),
			"content", newObj("application/json", newObj(
				"schema", newObj("$ref", "#/components/schemas/Error"),
				"examples", newObj(string(c), example(summary, description, e.AppendJSON(nil))))))
		if c == errs.RateLimited {
			r.vals["headers"].(*obj).set("Retry-After", newObj(
				"description", "Seconds to wait before the request is sent again (at least 1)",
				"required", true,
				"schema", newObj("type", "integer", "minimum", 1)))
		}
		out.set(strconv.Itoa(c.Status()), r)
	}
	return out
}

// rateLimitHeaders are the rate-limit headers of every response
// (docs/envelope.md), which errs/httperr.ParseRateLimit reads.
var rateLimitHeaders = []struct{ name, description string }{
	{"X-RateLimit-Limit-Minute", "Requests allowed per minute"},
	{"X-RateLimit-Remaining-Minute", "Requests left in the current minute"},
	{"X-RateLimit-Reset-Minute", "When the current minute's window ends (Unix timestamp, seconds)"},
	{"X-RateLimit-Limit-Day", "Requests allowed per day"},
	{"X-RateLimit-Remaining-Day", "Requests left today"},
	{"X-RateLimit-Reset-Day", "When the current day's window ends (Unix timestamp, seconds)"},
}

func rateLimitHeaderComponents() *obj {
	o := newObj()
	for _, h := range rateLimitHeaders {
		o.set(h.name, newObj("description", h.description, "schema", newObj("type", "integer", "minimum", 0)))
	}
	return o
}

func rateLimitRefs() *obj {
	o := newObj()
	for _, h := range rateLimitHeaders {
		o.set(h.name, newObj("$ref", "#/components/headers/"+h.name))
	}
	return o
}

// responseText says when each code is answered.
var responseText = map[errs.Code]string{
	errs.Unauthorized:      "unauthorized: the bearer token is missing, expired, revoked, or invalid",
	errs.InsufficientScope: "insufficient_scope: the token lacks the scope contacts_write",
	errs.NotFound:          "not_found: no contact has this id",
	errs.Conflict:          "conflict: another contact has this email or phone number; error.id is its id",
	errs.ValidationFailed:  "validation_failed: the body breaks the rules; error.details lists each failure (field, message, rule) in a fixed order",
	errs.RateLimited:       "rate_limited: wait Retry-After seconds, then send the request again (the only error worth retrying)",
}

// example is a named example of a response.
func example(summary, description string, value []byte) *obj {
	o := newObj("summary", summary)
	if description != "" {
		o.set("description", description)
	}
	return o.set("value", raw(string(value)))
}

// raw is a JSON text kept as it is written, for an example.
func raw(s string) json.RawMessage { return json.RawMessage(s) }

// contactSchema is the stored contact a success returns: the writable
// members as stored (consents with the values only the system sets),
// and the members the server sets.
func contactSchema() *obj {
	str := func() *obj { return newObj("type", "string") }
	words := func(ws ...string) *obj {
		var out []any
		for _, w := range ws {
			if w != legacyWord {
				out = append(out, w)
			}
		}
		return newObj("type", "string", "enum", out)
	}
	var email, sms []string
	for _, w := range emailWords {
		email = append(email, string(w))
	}
	for _, w := range smsWords {
		sms = append(sms, string(w))
	}
	return newObj(
		"description", "A contact as the server stores it",
		"type", "object",
		"required", []string{"id", validate.EmailConsent.String(), validate.SMSConsent.String()},
		"properties", newObj(
			"id", str(),
			validate.Email.String(), str(),
			validate.PhoneNumber.String(), str(),
			validate.FirstName.String(), str(),
			validate.LastName.String(), str(),
			validate.Tags.String(), newObj("type", "array", "items", str()),
			validate.CustomFields.String(), newObj("type", "object", "additionalProperties", newObj("type", []string{"string", "number", "boolean", "null"})),
			validate.EmailConsent.String(), words(email...),
			validate.SMSConsent.String(), words(sms...),
			"created_at", newObj("type", "string", "format", "date-time"),
			"updated_at", newObj("type", "string", "format", "date-time")))
}

// errorSchema is the envelope of docs/envelope.md.
func errorSchema() *obj {
	var codes []string
	for _, c := range []errs.Code{errs.InvalidClient, errs.InvalidScope, errs.Unauthorized, errs.InsufficientScope, errs.NotFound, errs.Conflict, errs.ValidationFailed, errs.RateLimited} {
		codes = append(codes, string(c))
	}
	return newObj(
		"description", "The error envelope: every failure of the API",
		"type", "object",
		"required", []string{"error"},
		"properties", newObj("error", newObj(
			"type", "object",
			"required", []string{"code", "message"},
			"properties", newObj(
				"code", newObj("type", "string", "enum", codes, "description", "Machine-readable; clients branch on it after the HTTP status"),
				"message", newObj("type", "string", "description", "Human-readable, for logs; never holds a submitted value"),
				"id", newObj("type", "string", "description", "With conflict only: the id of the contact that already has the email or phone number"),
				"details", newObj("type", "array", "minItems", 1, "items", newObj("$ref", "#/components/schemas/FieldError"),
					"description", "With validation_failed only: the fields that failed, in the fixed order of docs/create.md"),
			))))
}

// fieldErrorSchema is one detail; its rule is one of validate's names.
func fieldErrorSchema(p validate.Policy) *obj {
	var names []string
	for _, r := range validate.Rules(p) {
		if !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	return newObj(
		"type", "object",
		"required", []string{"field", "message"},
		"properties", newObj(
			"field", newObj("type", "string", "description", "The member that failed: a JSON name, base, tags[i], custom_fields.<key>, or a member's name as sent (cut at 64 bytes, then ...)"),
			"message", newObj("type", "string", "description", "One of the messages of the rules, exactly; never the submitted value"),
			"rule", newObj("type", "string", "enum", names, "description", "The stable name of the rule that failed, for clients that translate messages")))
}
