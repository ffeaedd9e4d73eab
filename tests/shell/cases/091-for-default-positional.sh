# for without in iterates over "$@"
set -- "first arg" second "third one"
for a; do echo "[$a]"; done
for a
do
  echo "again [$a]"
done
