# quoted or mid-word tildes are literal
echo "~/x" '~/x' \~/x a~/x
