package sop

// Placeholder starts every piece of text that scaffolding writes for a
// person to replace ("TODO: say who owns this procedure"). The
// todo-placeholder lint rule looks for it.
const Placeholder = "TODO:"
