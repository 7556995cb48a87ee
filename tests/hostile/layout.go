package hostile

import "github.com/aeriesec/aerie/guest/abi"

// Memory layout of every fixture (see guest/abi/layout.go): the header at
// abi.HeaderAddr, then the areas it points to, then the heap.
const (
	maxBatch    = 64
	eventsAddr  = 128                      // u32 × maxBatch
	matchesAddr = eventsAddr + 4*maxBatch  // (u32, u32) × matchCap
	enabledAddr = matchesAddr + 8*maxBatch // u8 × rules (one rule)
	cacheAddr   = enabledAddr + 8          // u32 × fields
	heapBase    = 1024
	heapPtrAddr = abi.HeaderAddr + abi.HdrHeapPtr
)

// verbField is the field-table index of ka.verb, the field every fixture
// reads; triggerByte is the first byte of the verbs that fire run-time
// defects ("delete", "deletecollection").
const (
	verbField   = 0
	triggerByte = 'd'
)
