# [[ == ]] understands extended patterns
[[ foo == @(foo|bar) ]] && echo "@() works"
[[ baz == !(foo|bar) ]] && echo "!() works"
[[ aaa == +(a) ]] && echo "+() works"
