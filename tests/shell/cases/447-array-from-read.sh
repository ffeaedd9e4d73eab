# read -a fills an array
read -r -a words <<< "alpha beta gamma"
echo "${#words[@]}: ${words[1]}"
