# iterating elements that contain spaces
arr=("first item" "second item")
for item in "${arr[@]}"; do echo "<$item>"; done
