# negated pipelines work in conditions
if ! echo x | false; then echo "negated pipeline in if"; fi
while ! true; do echo never; done
echo done
