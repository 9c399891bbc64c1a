package render

import (
	"reflect"
	"testing"
)

// TestSourceHoldsNoPointers keeps what Sources holds of each SOP for the
// whole render free of pointers, which the collector would follow at
// every cycle, 100,000 times.
func TestSourceHoldsNoPointers(t *testing.T) {
	typ := reflect.TypeFor[source]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Array, reflect.Int:
		default:
			t.Errorf("source.%s is a %s: keep source to fixed-size values", f.Name, f.Type)
		}
	}
}
