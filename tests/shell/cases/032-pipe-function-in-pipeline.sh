# functions and loops can be part of a pipeline
bracket() { while read -r l; do echo "<$l>"; done; }
printf '%s\n' a b | bracket | bracket
