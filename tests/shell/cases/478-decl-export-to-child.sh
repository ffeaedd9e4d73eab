# exported variables reach child processes
export A=exported
B=local
bash -c 'echo "A=[${A-}] B=[${B-}]"'
export B
bash -c 'echo "B now [${B-}]"'
export -n A
bash -c 'echo "A after export -n [${A-}]"'
