package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/schema"
	"github.com/contactrules/contactrules/validate"
)

// TestSchemaPrintsTheDocuments: contactcheck schema prints package
// schema's documents; without flags, the checked-in files.
func TestSchemaPrintsTheDocuments(t *testing.T) {
	for name, file := range map[string]string{"create": "create.schema.json", "update": "update.schema.json", "openapi": "openapi.json"} {
		var out, errOut bytes.Buffer
		if code := runSchema([]string{name}, &out, &errOut); code != exitValid {
			t.Fatalf("schema %s: exit %d: %s", name, code, errOut.Bytes())
		}
		want, err := os.ReadFile("../../schema/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("schema %s differs from schema/%s", name, file)
		}
	}
}

// TestSchemaFlagsSetThePolicy: the flags are the policy's settings.
func TestSchemaFlagsSetThePolicy(t *testing.T) {
	var out, errOut bytes.Buffer
	args := []string{"-allow-unknown", "-legacy-consent", "-possible-phone", "-sms-needs-mobile", "-max-name", "7", "-max-tag", "9", "-max-tags", "3", "-max-bytes", "4096", "-sms-regions", "gb, jm", "openapi"}
	if code := runSchema(args, &out, &errOut); code != exitValid {
		t.Fatalf("exit %d: %s", code, errOut.Bytes())
	}
	gbjm, _ := phone.NewRegions("GB", "JM")
	p := validate.Policy{AllowUnknownFields: true, AcceptLegacyConsent: true, PossiblePhoneOnly: true, SMSNeedsMobile: true, MaxNameLength: 7, MaxTagLength: 9, MaxTags: 3, MaxBodyBytes: 4096, SMSRegions: gbjm}
	if want := schema.OpenAPI(p); !bytes.Equal(out.Bytes(), want) {
		t.Errorf("the flags do not give the policy's document")
	}
	if bytes.Equal(out.Bytes(), schema.OpenAPI(validate.Policy{})) {
		t.Errorf("the flags change nothing")
	}
	if !json.Valid(out.Bytes()) {
		t.Errorf("not JSON")
	}
}

// TestSchemaUsage: a missing or unknown document, or a bad flag value,
// is a usage error (exit 2) that says what to do.
func TestSchemaUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"swagger"}, {"create", "update"}, {"-max-tags", "0", "create"}, {"-sms-regions", "XX", "create"}, {"-nope", "create"}} {
		var out, errOut bytes.Buffer
		if code := runSchema(args, &out, &errOut); code != exitError || out.Len() != 0 || !strings.Contains(errOut.String(), "usage: contactcheck schema") {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q", args, code, out.Len(), errOut.String())
		}
	}
}

// TestSchemaSubcommand: the program itself dispatches "schema".
func TestSchemaSubcommand(t *testing.T) {
	r := execute(t, "", "schema", "update")
	if r.code != exitValid || !bytes.Equal(r.stdout, schema.Update(validate.Policy{})) {
		t.Errorf("contactcheck schema update: exit %d, %d bytes, stderr %s", r.code, len(r.stdout), r.stderr)
	}
}
