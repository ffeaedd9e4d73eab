# the condition's output is not suppressed
if echo "condition prints"; then echo "then prints"; fi
if echo x | cat; then echo "pipeline condition"; fi
