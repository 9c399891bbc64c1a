// Package templates holds sopctl's built-in role templates. They live in
// this folder, beside the file that embeds them, because go:embed cannot
// reach outside its package's folder.
package templates

import "embed"

// FS holds the built-in role templates, one *.yaml file per template.
//
//go:embed *.yaml
var FS embed.FS
