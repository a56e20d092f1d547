// Package fuzz holds the property-based tests (gopter) and the native Go
// fuzz targets for every entry point of the module: validate.CreateJSON,
// validate.UpdateJSON and their struct twins, the validator tags of
// validate/vtags, phone.Parse, phone.Normalize, the consent rules and
// httperr.FromResponse.
//
// It has no API: everything is in its tests. README.md says what the
// properties state and how to run the fuzz targets for longer.
package fuzz
