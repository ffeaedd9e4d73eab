# operators split words without spaces
echo a;echo b
echo c&&echo d
echo e||echo f
echo g|cat
echo h>out.txt;cat<out.txt
