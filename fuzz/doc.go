// Package fuzz holds the property-based tests (gopter) for every entry
// point of the module: validate.CreateJSON, validate.UpdateJSON and their
// struct twins, the validator tags of validate/vtags, phone.Parse,
// phone.Normalize, the consent rules and httperr.FromResponse; and the
// native Go fuzz targets of whole payloads and of the contactcheck
// program, which use its generators and contract table (the targets of phone
// and errs/httperr sit beside them).
//
// It has no API: everything is in its tests. README.md says what the
// properties state and how to run the fuzz targets for longer.
package fuzz
