# read -d '' splits on NUL bytes
printf 'a b\0c\0' > nul.bin
while IFS= read -r -d '' item; do echo "<$item>"; done < nul.bin
