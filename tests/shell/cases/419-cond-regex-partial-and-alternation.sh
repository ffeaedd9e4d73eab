# regexes match anywhere unless anchored
[[ xxabcxx =~ abc ]] && echo "substring"
[[ cat =~ ^(cat|dog)$ ]] && echo "alternation: ${BASH_REMATCH[1]}"
[[ aaa =~ a{2,} ]] && echo "interval: ${BASH_REMATCH[0]}"
[[ 'x y' =~ [[:space:]] ]] && echo "class"
