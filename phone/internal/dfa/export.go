package dfa

// TypingTables returns, by name, the tables the as-you-type formatter
// reads (Typer and what it calls), for the JavaScript engine's port of
// it (npm/engine/asyoutype.mjs), which reads these very bytes.
func TypingTables() [][2]string {
	return [][2]string{
		{"parseStates", parseStates}, {"parseRows", parseRows},
		{"entityTable", entityTable}, {"codeEntities", codeEntities},
		{"shapeIndex", shapeIndex}, {"shapeText", shapeText},
		{"formatTable", formatTable}, {"formatText", formatText},
		{"typedStates", typedStates}, {"typedRows", typedRows},
		{"typedEntities", typedEntities}, {"typedFormats", typedFormats},
		{"typedText", typedText}, {"regionCodes", regionCodes},
	}
}

// Layout constants of the tables, for the JavaScript engine's generator,
// which keeps of them only what the formatter reads: a state's link with
// UniformLink set is its one successor, and an entity is EntitySize bytes
// of uint16 fields, FieldNational and FieldIDD its prefix machines'
// starting states.
const (
	UniformLink   = uniformBit
	EntitySize    = entitySize
	FieldNational = fieldNational
	FieldIDD      = fieldIDD
	FieldGeneral  = fieldGeneral
	FieldLocal    = fieldLocal
)
