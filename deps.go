//go:build tools

// Package tools pins the module's dependencies until code imports them.
package tools

import (
	_ "github.com/go-playground/validator/v10"
	_ "github.com/leanovate/gopter"
	_ "github.com/nyaruka/phonenumbers"
)
