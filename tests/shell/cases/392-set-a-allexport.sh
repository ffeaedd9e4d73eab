# set -a exports every assigned variable
set -a
exported_var=yes
set +a
not_exported=no
bash -c 'echo "[${exported_var-unset}] [${not_exported-unset}]"'
