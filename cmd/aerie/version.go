package main

import (
	"fmt"

	"github.com/aeriesec/aerie/guest/abi"
)

// Version is the toolchain and runtime version; release builds set it with
// -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

func init() {
	register("version", "print the version", func([]string) int {
		fmt.Printf("aerie %s (guest ABI v%d)\n", Version, abi.Version)
		return 0
	})
}
