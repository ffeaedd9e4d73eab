# =~ matches extended regular expressions and fills BASH_REMATCH
s="key=value42"
if [[ $s =~ ^([a-z]+)=([a-z]+)([0-9]+)$ ]]; then
  echo "whole: ${BASH_REMATCH[0]}"
  echo "groups: ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]}"
  echo "count: ${#BASH_REMATCH[@]}"
fi
[[ abc =~ x ]]
echo "no match: $? count ${#BASH_REMATCH[@]}"
