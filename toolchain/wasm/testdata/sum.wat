(module $sum
  (type (;0;) (func (param i32)))
  (type (;1;) (func (param i32) (result i32)))
  (import "host" "note" (func $host.note (;0;) (type 0)))
  (func $sum (;1;) (type 1) (param $n i32) (result i32)
    (local $acc i32)
    block $L0
      loop $L1
        local.get 0
        i32.eqz
        br_if $L0
        local.get 0
        call $host.note
        local.get 1
        local.get 0
        i32.add
        local.set 1
        local.get 0
        i32.const 1
        i32.sub
        local.set 0
        br $L1
      end
    end
    i32.const 100
    i32.const 16
    i32.const 2
    memory.copy
    local.get 1
    i32.const 0
    i32.load8_u offset=100
    i32.add
  )
  (func (;2;) (type 0) (param i32)
    br 0 ;; function body
  )
  (func (;3;) (type 0) (param i32)
    ;; undecodable body: offset 1: i32.const: leb128: truncated
  )
  (memory (;0;) 1)
  (global $count (;0;) (mut i64) (i64.const -2))
  (global (;1;) f64 (f64.const 2.5))
  (export "sum" (func 1))
  (export "count" (global 0))
  (data (;0;) (i32.const 16) "hi")
  (data (;1;) (i32.const 32) "a\"b\\\00\ff\0a")
  ;; custom section "aerie.metadata", 300 bytes
)
