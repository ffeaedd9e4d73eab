# ! negates the condition
if ! false; then echo "negated false"; fi
if ! [ a = b ]; then echo "a is not b"; fi
