# a here-document larger than a pipe buffer
{
  echo 'cat <<EOF'
  for i in {1..2000}; do echo "here-doc line $i with some padding text"; done
  echo 'EOF'
} > gen.sh
. ./gen.sh | { n=0; while read -r l; do n=$((n+1)); last=$l; done; echo "$n: $last"; }
