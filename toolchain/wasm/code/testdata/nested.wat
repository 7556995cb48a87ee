block $L0
  loop $L1
    local.get 0
    if $L2 (result i32)
      ;; inside the if
      br $L2
    else
      br_if $L1
      br $L0
      br_table $L2 $L1 $L0
    end
    drop
  end
end
call $aerie.field
call 7
i32.load offset=4
f64.const 1.5
