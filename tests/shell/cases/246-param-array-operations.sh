# expansions applied to each array element
arr=(apple.txt banana.txt cherry.log)
echo "${arr[@]%.*}"
echo "${arr[@]#*a}"
echo "${arr[@]/a/A}"
echo "${arr[@]^}"
echo "${arr[@]:1:2}"
echo "${#arr[@]}"
