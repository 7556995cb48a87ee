(module $hostile
  (type (;0;) (func (param i32 i32) (result i32)))
  (type (;1;) (func (param i32) (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (type (;3;) (func (param i32 i32 i32 i32)))
  (type (;4;) (func))
  (import "aerie" "field" (func $aerie.field (;0;) (type 0)))
  (func $eval_batch (;1;) (type 1) (param i32) (result i32)
    (local i32 i32 i32 i32 i32)
    local.get 0
    i32.const 64
    i32.gt_u
    if $L0
      i32.const -1
      return
    end
    block $L1
      loop $L2
        local.get 1
        local.get 0
        i32.ge_u
        br_if $L1
        i32.const 0
        i32.const 1024
        i32.store offset=64
        local.get 1
        i32.const 0
        call $aerie.field
        local.set 2
        block $L3
          local.get 2
          i32.eqz
          br_if $L3
          i32.const 0
          i32.load8_u offset=896
          i32.eqz
          br_if $L3
          local.get 3
          i32.const 3
          i32.shl
          local.tee 2
          local.get 1
          i32.store offset=384
          local.get 2
          i32.const 0
          i32.store offset=388
          local.get 3
          i32.const 1
          i32.add
          local.set 3
        end
        local.get 1
        i32.const 1
        i32.add
        local.set 1
        br $L2
      end
    end
    local.get 3
  )
  (memory (;0;) 1)
  (export "memory" (memory 0))
  (export "eval_batch" (func 1))
  (data (;0;) (i32.const 16) "AERI\01\00\00\00@\00\00\00\80\00\00\00\80\01\00\00@\00\00\00\80\03\00\00\01\00\00\00\00\00\00\00\88\03\00\00\01\00\00\00\00\04\00\00\00\04\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
  ;; custom section "aerie.metadata", 346 bytes
)
