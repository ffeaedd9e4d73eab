# echo and printf as the first stage of a pipeline: output, statuses, a reader that is gone
# requires: tr wc
echo hello | cat
printf '%s-%s\n' a b c d | tr a-z A-Z
echo one | cat >/dev/null; echo "statuses: ${PIPESTATUS[*]}"
printf '%0100000d' 0 | wc -c
printf '%.2000f\n' 1 | wc -c
x=outer; echo "$x ${x/o/O} ${#x} ${x^^}" | cat
echo "$(echo nested; exit 3)" | cat; echo "statuses: ${PIPESTATUS[*]}"
trap 'echo PIPE trapped' PIPE
printf '%0100000d' 0 | true; echo "after: ${PIPESTATUS[*]}"
set -o pipefail
echo a | false; echo "pipefail: $?"
echo() { builtin echo "function echo: $*"; }
echo shadowed | cat
unset -f echo
i=0; echo $((i++)) | cat; echo "i stays $i"
: ${unset_var:=} ; echo "${unset_var:-default}" | cat
exec 3>&1; echo to-three | cat >&3; exec 3>&-
