package abi

// Memory layout. A module's linear memory starts with a reserved null area
// (address 0 means "missing" wherever a record address is expected), then
// the header at HeaderAddr. The header's words are little-endian u32,
// initialised by the module's data segment; the host reads them once per
// instance and writes only the words marked "host".
//
//	0            reserved (null)
//	HeaderAddr   header (HeaderSize bytes)
//	…            areas the header points to, in any order:
//	             event codes  u32 × MaxBatch             (host writes)
//	             matches      (u32 event, u32 rule) × MatchCap (guest writes)
//	             enabled      u8 × Rules: 1 = rule runs   (host writes)
//	             field cache  u32 × Fields                (guest only)
//	             constants    the module's literals and tables
//	HeapBase     the heap: field records the host writes and values the
//	             guest computes, reset at every event
const (
	HeaderAddr = 16
	HeaderSize = 64
	Magic      = 0x49524541 // "AERI" little-endian
)

// Offsets of the header words from HeaderAddr.
const (
	HdrMagic    = 0  // Magic
	HdrABI      = 4  // Version
	HdrMaxBatch = 8  // largest n eval_batch accepts
	HdrEvents   = 12 // address of the event-code area
	HdrMatches  = 16 // address of the match area
	HdrMatchCap = 20 // capacity of the match area, in pairs (≥ MaxBatch × Rules)
	HdrEnabled  = 24 // address of the enabled bytes
	HdrRules    = 28 // number of rules
	HdrFlags    = 32 // host: evaluation flags (FlagMatchAll)
	HdrCache    = 36 // address of the field cache
	HdrFields   = 40 // number of fields
	HdrHeapBase = 44 // first heap address (8-aligned)
	HdrHeapPtr  = 48 // current heap top; the host advances it when it writes a record
)

// FlagMatchAll in the header's flags word selects rule_matching: all;
// without it the module stops at an event's first matching rule.
const FlagMatchAll = 1

// OtherEventType is the event code a host stages for an event whose type
// is not in Metadata.EventTypes: only rules without event types run for it.
// Codes 0…len(EventTypes)-1 name Metadata.EventTypes[code].
const OtherEventType = 0xFFFFFFFF

// AnyEventType is the event code for an event whose type is unknown (it has
// no evt.type): every rule runs for it, as in Falco's evaluator.
const AnyEventType = 0xFFFFFFFE

// RecordAlign is the alignment of every record on the heap.
const RecordAlign = 8

// Records: how a value sits in guest memory at a record address.
//
//	text   u32 length, then the bytes
//	number i64 (Int as two's complement, Uint as bits, Bool 0/1, Double as
//	       IEEE-754 bits)
//	list   u32 count, then count × (u32 length, bytes), packed
//
// Which form a field uses follows from its catalog type: KindOf.
type Kind uint8

const (
	KindText Kind = iota
	KindNumber
	KindList
)

var kindNames = [...]string{"text", "number", "list"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}
